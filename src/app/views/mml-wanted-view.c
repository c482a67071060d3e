/* mml-wanted-view.c — every aired episode of the library that is not on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What "missing" means is the store's (mml-episode-rules.h), read through
 * the metadata controller; this view only lists it: one row per episode,
 * ordered by series, season and number as the store gives them, narrowed
 * by words (any of the series title, the episode code or its title, every
 * word must match) and by when the episode aired. Activating a row opens
 * its series. The list is a GtkListView over a filter model, so a library
 * missing thousands of episodes costs only the rows on screen; it reloads
 * with every reload of the library (after scans and metadata writes).
 */

#define G_LOG_DOMAIN "mml-wanted"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-wanted-view.h"

#include "mml-format.h"
#include "mml-meta-store.h"
#include "mml-metadata.h"
#include "mml-ui-util.h"

/* --- one missing episode, as a list item --------------------------------------- */

#define MML_TYPE_WANTED_ITEM (mml_wanted_item_get_type ())
G_DECLARE_FINAL_TYPE (MmlWantedItem, mml_wanted_item, MML, WANTED_ITEM, GObject)

struct _MmlWantedItem
{
  GObject        parent_instance;
  MmlEpisodeRow *row;
  char          *code;       /* "S01E05" */
  char          *haystack;   /* casefolded: series, code, title */
};

G_DEFINE_FINAL_TYPE (MmlWantedItem, mml_wanted_item, G_TYPE_OBJECT)

static void
mml_wanted_item_finalize (GObject *object)
{
  MmlWantedItem *self = MML_WANTED_ITEM (object);

  g_clear_pointer (&self->row, mml_episode_row_free);
  g_free (self->code);
  g_free (self->haystack);
  G_OBJECT_CLASS (mml_wanted_item_parent_class)->finalize (object);
}

static void
mml_wanted_item_class_init (MmlWantedItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mml_wanted_item_finalize;
}

static void
mml_wanted_item_init (MmlWantedItem *self)
{
}

static MmlWantedItem *
mml_wanted_item_new (MmlEpisodeRow *row)   /* (transfer full) */
{
  MmlWantedItem *self = g_object_new (MML_TYPE_WANTED_ITEM, NULL);
  g_autofree char *text = NULL;

  self->row = row;
  self->code = mml_format_episode_code (row->season, row->number, row->absolute);
  text = g_strjoin (" ", row->series_title ? row->series_title : "", self->code,
                    row->title ? row->title : "", NULL);
  self->haystack = g_utf8_casefold (text, -1);
  return self;
}

/* --- the view ---------------------------------------------------------------------- */

typedef enum {
  AIRED_ANY,
  AIRED_WEEK,
  AIRED_MONTH,
  AIRED_YEAR,
  AIRED_OLDER,
} Aired;

struct _MmlWantedView
{
  MmlView             parent_instance;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *aired_dropdown;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkListView        *list_view;

  MmlEngine          *engine;        /* unowned: the view's */
  GListStore         *items;         /* MmlWantedItem, as the store orders them */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GCancellable       *cancellable;
  char              **words;         /* casefolded search words */
  char               *since;         /* aired on or after, "YYYY-MM-DD"; NULL: any */
  char               *before;        /* aired before; NULL: any */
  char               *today;
  guint               n_series;      /* of the loaded episodes */
  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (MmlWantedView, mml_wanted_view, MML_TYPE_VIEW)

static gboolean
item_visible (gpointer item,
              gpointer user_data)
{
  MmlWantedView *self = user_data;
  MmlWantedItem *wanted = item;
  const char *date = wanted->row->air_date;

  if (self->since != NULL && (date == NULL || strcmp (date, self->since) < 0))
    return FALSE;
  if (self->before != NULL && (date == NULL || strcmp (date, self->before) >= 0))
    return FALSE;
  for (guint i = 0; self->words != NULL && self->words[i] != NULL; i++)
    if (strstr (wanted->haystack, self->words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
filtering (MmlWantedView *self)
{
  return self->since != NULL || self->before != NULL || (self->words != NULL && self->words[0] != NULL);
}

/* Whether any series of the library is matched: without one, nothing can
 * be missing and the empty state says what to do instead */
static gboolean
any_matched (MmlWantedView *self)
{
  GListModel *series;

  if (self->engine == NULL)
    return FALSE;
  series = mml_library_controller_get_series (mml_engine_get_library (self->engine));
  for (guint i = 0; i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (series, i);
      MmlMatchState state;

      if (mml_match_state_from_string (mml_series_item_get_match_state (item), &state) &&
          (state == MML_MATCH_STATE_AUTO || state == MML_MATCH_STATE_MANUAL))
        return TRUE;
    }
  return FALSE;
}

/* The page and the line above the list follow the model */
static void
update_state (MmlWantedView *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *all = g_strdup_printf ("%'u", n_all);
  g_autofree char *text = NULL;
  const char *page;

  if (!self->loaded)
    page = "loading";
  else if (n_all == 0)
    page = any_matched (self) ? "complete" : "unmatched";
  else if (n_shown == 0)
    page = "no-results";
  else
    page = "list";
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, !self->loaded);
  mml_view_set_badge (MML_VIEW (self), n_all);

  if (self->loaded && n_all > 0 && filtering (self))
    {
      g_autofree char *shown = g_strdup_printf ("%'u", n_shown);

      /* Translators: "Showing 4 of 120 missing episodes" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Showing %s of %s missing episode",
                                           "Showing %s of %s missing episodes", n_all),
                              shown, all);
    }
  else if (self->loaded && n_all > 0)
    {
      g_autofree char *episodes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%s aired episode is not on disk",
                                                                "%s aired episodes are not on disk", n_all),
                                                   all);

      /* Translators: "120 aired episodes are not on disk" "in 3 series" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, in %u series", "%s, in %u series",
                                           self->n_series),
                              episodes, self->n_series);
    }
  gtk_label_set_label (self->count_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), text != NULL);
}

static void
filtered_changed_cb (MmlWantedView *self,
                     guint          position,
                     guint          removed,
                     guint          added,
                     GListModel    *model)
{
  update_state (self);
}

static void
refilter (MmlWantedView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* "YYYY-MM-DD" @days before @today */
static char *
days_before (const char *today,
             int         days)
{
  int y, m, d;
  GDate date;
  char text[16];

  if (today == NULL || !mml_clock_parse_date (today, &y, &m, &d))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  g_date_subtract_days (&date, days);
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup (text);
}

static void
update_aired (MmlWantedView *self)
{
  Aired aired = gtk_drop_down_get_selected (self->aired_dropdown);

  g_clear_pointer (&self->since, g_free);
  g_clear_pointer (&self->before, g_free);
  switch (aired)
    {
    case AIRED_WEEK:
      self->since = days_before (self->today, 6);
      break;
    case AIRED_MONTH:
      self->since = days_before (self->today, 29);
      break;
    case AIRED_YEAR:
      self->since = days_before (self->today, 364);
      break;
    case AIRED_OLDER:
      self->before = days_before (self->today, 364);
      break;
    case AIRED_ANY:
    default:
      break;
    }
}

static void
search_changed_cb (MmlWantedView  *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  guint n = 0;

  /* every word must be in the row's text: "harbour s02" narrows to a
   * season of a series */
  g_strfreev (self->words);
  self->words = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; self->words[i] != NULL; i++)
    if (self->words[i][0] != '\0')
      self->words[n++] = self->words[i];
    else
      g_free (self->words[i]);   /* repeated spaces */
  self->words[n] = NULL;
  refilter (self);
}

static void
stop_search_cb (MmlWantedView  *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
aired_changed_cb (MmlWantedView *self,
                  GParamSpec    *pspec,
                  GtkDropDown   *dropdown)
{
  update_aired (self);
  refilter (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MmlWantedView *self = MML_WANTED_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->aired_dropdown, AIRED_ANY);
}

static void
row_activated_cb (MmlWantedView *self,
                  guint          position,
                  GtkListView   *list)
{
  g_autoptr(MmlWantedItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-series", "x", item->row->series_id);
}

/* --- rows -------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *when = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "numeric");
  gtk_widget_set_valign (when, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), when);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             MmlWantedView            *self)
{
  MmlWantedItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *texts = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_last_child (texts);
  GtkWidget *when = gtk_widget_get_last_child (box);
  g_autofree char *episode = NULL;
  g_autofree char *line = NULL;
  g_autofree char *series = NULL;
  g_autofree char *aired = NULL;
  g_autofree char *aired_words = NULL;

  if (item->row->title != NULL && item->row->title[0] != '\0')
    episode = g_strdup (item->row->title);
  else if (item->row->number >= 0)
    /* Translators: an episode with no title yet */
    episode = g_strdup_printf (_("Episode %d"), item->row->number);
  else
    episode = g_strdup (item->code);
  /* Translators: series title · episode code, under the episode's title */
  series = mml_format_isolate (item->row->series_title);
  line = g_strdup_printf (_("%s · %s"), series, item->code);
  if (item->row->air_date != NULL)
    {
      aired = mml_format_air_date (item->row->air_date, self->today);
      /* Translators: %s is a date ("3 March 2026") or "Yesterday" */
      aired_words = g_strdup_printf (_("Aired %s"), aired);
    }

  gtk_label_set_label (GTK_LABEL (title), episode);
  gtk_label_set_label (GTK_LABEL (subtitle), line);
  gtk_label_set_label (GTK_LABEL (when), aired ? aired : "");
  gtk_widget_set_visible (when, aired != NULL);
  /* what a screen reader says for the row */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box) ? gtk_widget_get_parent (box) : box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, episode,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, aired_words ? aired_words : line,
                                  -1);
  mml_ui_set_tooltip (box, aired_words ? aired_words : NULL);
}

/* --- loading ----------------------------------------------------------------- */

static void
missing_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MmlWantedView) self = user_data;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) series = NULL;
  g_autoptr(GPtrArray) items = NULL;

  episodes = mml_metadata_controller_list_episodes_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (episodes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot list the missing episodes: %s", error->message);
      /* an empty list rather than a spinner forever; the next reload retries */
      episodes = g_ptr_array_new ();
    }

  series = g_hash_table_new (g_int64_hash, g_int64_equal);
  items = g_ptr_array_new_full (episodes->len, g_object_unref);
  for (guint i = 0; i < episodes->len; i++)
    {
      MmlEpisodeRow *row = g_ptr_array_index (episodes, i);

      g_hash_table_add (series, &row->series_id);
      g_ptr_array_add (items, mml_wanted_item_new (row));
    }
  /* the rows now belong to the items */
  g_ptr_array_set_free_func (episodes, NULL);

  self->n_series = g_hash_table_size (series);
  self->loaded = TRUE;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  update_state (self);
}

static void
load (MmlWantedView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->engine == NULL || !mml_engine_get_ready (self->engine))
    return;

  /* the engine's today: what "aired" means, and what the words say */
  g_free (self->today);
  self->today = mml_clock_get_today (mml_engine_get_clock (self->engine));
  update_aired (self);

  self->cancellable = g_cancellable_new ();
  mml_metadata_controller_list_episodes_async (mml_engine_get_metadata (self->engine), MML_EPISODES_MISSING,
                                               0, 0, FALSE, self->cancellable,
                                               missing_loaded_cb, g_object_ref (self));
}

static void
totals_changed_cb (MmlWantedView *self,
                   GParamSpec    *pspec,
                   gpointer       emitter)
{
  /* every reload of the library, after scans and metadata writes alike */
  load (self);
}

static void
ready_changed_cb (MmlWantedView *self,
                  GParamSpec    *pspec,
                  gpointer       emitter)
{
  load (self);
}

static gboolean
mml_wanted_view_focus_search (MmlView *view)
{
  return gtk_widget_grab_focus (GTK_WIDGET (MML_WANTED_VIEW (view)->search_entry));
}

static void
mml_wanted_view_engine_changed (MmlView *view)
{
  MmlWantedView *self = MML_WANTED_VIEW (view);
  MmlEngine *engine = mml_view_get_engine (view);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_library (self->engine), self);
    }

  self->engine = engine;
  self->loaded = FALSE;
  g_list_store_remove_all (self->items);

  if (engine != NULL)
    {
      g_signal_connect_object (mml_engine_get_library (engine), "notify::totals",
                               G_CALLBACK (totals_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::ready",
                               G_CALLBACK (ready_changed_cb), self, G_CONNECT_SWAPPED);
    }

  load (self);
  update_state (self);
}

static void
mml_wanted_view_dispose (GObject *object)
{
  MmlWantedView *self = MML_WANTED_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_WANTED_VIEW);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->since, g_free);
  g_clear_pointer (&self->before, g_free);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (mml_wanted_view_parent_class)->dispose (object);
}

static void
mml_wanted_view_class_init (MmlWantedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_wanted_view_dispose;
  view_class->focus_search = mml_wanted_view_focus_search;
  view_class->engine_changed = mml_wanted_view_engine_changed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mml-wanted-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlWantedView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MmlWantedView, aired_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MmlWantedView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MmlWantedView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlWantedView, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlWantedView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, aired_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "wanted.clear-filters", NULL, clear_filters_action);
}

static void
mml_wanted_view_init (MmlWantedView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (MML_TYPE_WANTED_ITEM);
  self->filter = gtk_custom_filter_new (item_visible, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (self->filter));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (filtered_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)))));

  update_state (self);
}

/**
 * mml_wanted_view_get_model:
 *
 * Returns: (transfer none): the missing episodes the list shows, after the
 *   search and the time filter (for tests)
 */
GListModel *
mml_wanted_view_get_model (MmlWantedView *self)
{
  g_return_val_if_fail (MML_IS_WANTED_VIEW (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * mml_wanted_view_get_loaded:
 *
 * Returns: whether the list holds what the store last answered
 */
gboolean
mml_wanted_view_get_loaded (MmlWantedView *self)
{
  g_return_val_if_fail (MML_IS_WANTED_VIEW (self), FALSE);

  return self->loaded;
}

/**
 * mml_wanted_view_get_item_series:
 * @position: in mml_wanted_view_get_model()
 *
 * Returns: the series id of the episode at @position, 0 when there is none
 */
gint64
mml_wanted_view_get_item_series (MmlWantedView *self,
                                 guint          position)
{
  g_autoptr(MmlWantedItem) item = NULL;

  g_return_val_if_fail (MML_IS_WANTED_VIEW (self), 0);

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  return item ? item->row->series_id : 0;
}

/**
 * mml_wanted_view_get_item_text:
 * @position: in mml_wanted_view_get_model()
 *
 * Returns: (transfer full) (nullable): "Series S01E05 Title" of the episode
 *   at @position (for tests)
 */
char *
mml_wanted_view_get_item_text (MmlWantedView *self,
                               guint          position)
{
  g_autoptr(MmlWantedItem) item = NULL;

  g_return_val_if_fail (MML_IS_WANTED_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item == NULL)
    return NULL;
  return g_strjoin (" ", item->row->series_title, item->code, item->row->title ? item->row->title : "", NULL);
}
