/* mml-conflicts-review-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Conflicts view's page of new automatic matches to review (the
 * issue's "add series from a scan"), each with Keep (the match becomes
 * manual, final) and Change… (MmlChangeMatchDialog: the conflict row's
 * choices), and Keep all beside the page's heading. A first scan can
 * match thousands, so the list is a GtkListView, the page's one scrolled
 * list, which makes rows only for what is on screen:
 *
 *   engine series (GListStore) → GtkFilterListModel (match state "auto")
 *     → GtkSortListModel (newest first) → GtkNoSelection → GtkListView
 *
 * The filter and the sort follow the engine's reloads on their own (Keep
 * all holds them for the one reload it causes, see KEEP_NONE).
 */

#define G_LOG_DOMAIN "mml-conflicts-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-conflicts-review-page.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-poster-cache.h"
#include "mml-view.h"
#include "widgets/mml-candidate-row.h"

struct _MmlConflictsReviewPage
{
  GtkWidget             parent_instance;

  MmlEngine            *engine;
  MmlPosterCache       *cache;
  GtkFilterListModel   *filter;
  GtkSortListModel     *sort;
  GtkNoSelection       *selection;
  GPtrArray            *rows;             /* every row the list made (not owned) */
  GHashTable           *keeping;          /* series id → KEEP_*: Keep pressed */
  GCancellable         *cancellable;      /* the Keeps in flight, for this engine */
  MmlChangeMatchDialog *change_dialog;    /* (nullable): the one open */
  guint                 keep_all_state;   /* KEEP_* for Keep all; not NONE: the list is held */
  AdwToast             *keep_toast;       /* (nullable): the last Keep's, with its Undo (weak) */
  guint                 refocus_source;
  guint                 refocus_position; /* after a Keep from the keyboard: 1 + where, 0: none */

  MmlConflictsSection  *section;
  GtkListView          *list;
  GtkWidget            *keep_all_button;
};

/* A Keep's life: written (the next reload shows it) once the store answers.
 * Keep all holds the list (the filter lets go of the engine's series) from
 * the click to the reload that follows the write: the reload replaces the
 * items one by one, and GTK 4.8 would rebind every row below each one that
 * leaves — thousands of times over. */
enum {
  KEEP_NONE,
  KEEP_WRITING,
  KEEP_WRITTEN,
};

G_DEFINE_FINAL_TYPE (MmlConflictsReviewPage, mml_conflicts_review_page, GTK_TYPE_WIDGET)

static GQuark bound_quark;

static void
add_toast (MmlConflictsReviewPage *self,
           AdwToast               *toast)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), MML_TYPE_VIEW);

  if (view != NULL)
    mml_view_add_toast (MML_VIEW (view), toast);
  else
    g_object_unref (toast);
}

static gboolean
is_auto (gpointer item,
         gpointer user_data)
{
  return mml_series_item_get_to_review (item);
}

/* Newest first. A scan adds many series within the same second: those stay
 * in the engine's order (by title), as GtkSortListModel sorts stably. */
static int
compare_added (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 ta = mml_series_item_get_added_at ((MmlSeriesItem *) a);
  gint64 tb = mml_series_item_get_added_at ((MmlSeriesItem *) b);

  return ta > tb ? -1 : ta < tb;
}

static gboolean
is_keeping (MmlConflictsReviewPage *self,
            gint64                  series_id)
{
  return self->keep_all_state != KEEP_NONE || g_hash_table_contains (self->keeping, &series_id);
}

/* The row's item while the list has it bound */
static MmlSeriesItem *
bound_item (MmlMatchReviewRow *row)
{
  if (g_object_get_qdata (G_OBJECT (row), bound_quark) == NULL)
    return NULL;
  return mml_match_review_row_get_item (row);
}

static void
update_busy (MmlConflictsReviewPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort));

  for (guint i = 0; i < self->rows->len; i++)
    {
      MmlMatchReviewRow *row = g_ptr_array_index (self->rows, i);
      MmlSeriesItem *item = bound_item (row);

      if (item != NULL)
        mml_match_review_row_set_busy (row, is_keeping (self, mml_series_item_get_id (item)));
    }
  gtk_widget_set_sensitive (self->keep_all_button, n > 0 && self->keep_all_state == KEEP_NONE);
}

/* The heading counts the list; an empty list is the page's status page */
static void
update (MmlConflictsReviewPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort));

  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u New Match to Review",
                                                             "%u New Matches to Review", n),
                                                n);
      mml_conflicts_section_set_title (self->section, title);
    }
  else
    mml_conflicts_section_set_title (self->section, _("New Matches to Review"));
  gtk_widget_set_visible (self->keep_all_button, n > 0);
  mml_conflicts_section_set_count (self->section, n);
  update_busy (self);
}

static MmlSeriesItem *
find_item (MmlConflictsReviewPage *self,
           gint64                  series_id,
           guint                  *position)
{
  GListModel *model = G_LIST_MODEL (self->sort);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (model, i);

      if (mml_series_item_get_id (item) == series_id)
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&item);
        }
    }
  return NULL;
}

/* --- the rows ------------------------------------------------------------------ */

/* A row may go without a teardown (with its list): forget it then */
static void
row_gone_cb (gpointer  user_data,
             GObject  *where_the_row_was)
{
  MmlConflictsReviewPage *self = user_data;

  g_ptr_array_remove_fast (self->rows, where_the_row_was);
}

static void
forget_rows (MmlConflictsReviewPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->rows, i), row_gone_cb, self);
  g_ptr_array_set_size (self->rows, 0);
}

static void
setup_cb (MmlConflictsReviewPage   *self,
          GtkListItem              *list_item,
          GtkSignalListItemFactory *factory)
{
  GtkWidget *row = mml_match_review_row_new (self->cache);

  /* the row's buttons act; the row itself does not */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, row);
  g_ptr_array_add (self->rows, row);
  g_object_weak_ref (G_OBJECT (row), row_gone_cb, self);
}

static void
teardown_cb (MmlConflictsReviewPage   *self,
             GtkListItem              *list_item,
             GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (row != NULL && g_ptr_array_remove_fast (self->rows, row))
    g_object_weak_unref (G_OBJECT (row), row_gone_cb, self);
}

/* GTK 4.8 unbinds and binds again every row after one that goes: so a
 * row keeps its item when unbound, and binding it to the same item costs
 * nothing */
static void
bind_cb (MmlConflictsReviewPage   *self,
         GtkListItem              *list_item,
         GtkSignalListItemFactory *factory)
{
  MmlMatchReviewRow *row = MML_MATCH_REVIEW_ROW (gtk_list_item_get_child (list_item));
  MmlSeriesItem *item = gtk_list_item_get_item (list_item);

  g_object_set_qdata (G_OBJECT (row), bound_quark, GINT_TO_POINTER (TRUE));
  mml_match_review_row_set_item (row, item);
  mml_match_review_row_set_busy (row, is_keeping (self, mml_series_item_get_id (item)));
}

static void
unbind_cb (MmlConflictsReviewPage   *self,
           GtkListItem              *list_item,
           GtkSignalListItemFactory *factory)
{
  g_object_set_qdata (G_OBJECT (gtk_list_item_get_child (list_item)), bound_quark, NULL);
}

/* The rows hold the engine and its poster cache: new rows for a new one */
static void
set_factory (MmlConflictsReviewPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_list_view_set_model (self->list, NULL);
  if (self->engine == NULL)
    {
      gtk_list_view_set_factory (self->list, NULL);
      return;
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (teardown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
}

/* After Keep from the keyboard, focus goes to the row that takes the kept
 * one's place, so the next Keep is one key away */
static gboolean
refocus_cb (gpointer user_data)
{
  MmlConflictsReviewPage *self = user_data;
  GListModel *model = G_LIST_MODEL (self->sort);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(MmlSeriesItem) item = NULL;

  self->refocus_source = 0;
  if (n == 0)
    return G_SOURCE_REMOVE;

  item = g_list_model_get_item (model, MIN (self->refocus_position, n - 1));
  for (guint i = 0; i < self->rows->len; i++)
    {
      MmlMatchReviewRow *row = g_ptr_array_index (self->rows, i);

      if (bound_item (row) == item)
        {
          gtk_widget_grab_focus (GTK_WIDGET (mml_match_review_row_get_keep_button (row)));
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

static void
remember_focus (MmlConflictsReviewPage *self,
                gint64                  series_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  guint position;
  g_autoptr(MmlSeriesItem) item = NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    return;
  if ((item = find_item (self, series_id, &position)) != NULL)
    self->refocus_position = position + 1;   /* +1: a refocus is wanted */
}

static void
release (MmlConflictsReviewPage *self)
{
  self->keep_all_state = KEEP_NONE;
  gtk_filter_list_model_set_model (self->filter,
                                   self->engine ? mml_library_controller_get_series (mml_engine_get_library (self->engine)) : NULL);
  update_busy (self);
}

/* --- Keep and Keep all ------------------------------------------------------------ */

typedef struct
{
  MmlConflictsReviewPage *self;
  gint64                  series_id;   /* 0: Keep all */
  GArray                 *ids;         /* (element-type gint64): the series kept, for Undo */
  char                   *title;       /* one Keep: the show kept */
} KeepData;

static void
keep_data_free (KeepData *data)
{
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data->title);
  g_free (data);
}

static void
undo_keep_cb (AdwToast  *toast,
              MmlEngine *engine)
{
  GArray *ids = g_object_get_data (G_OBJECT (toast), "mml-ids");

  /* still kept ones become new matches to review again */
  mml_metadata_controller_unconfirm_async (mml_engine_get_metadata (engine), (const gint64 *) ids->data, ids->len,
                                           NULL, NULL, NULL);
}

static void
engine_closure_unref (gpointer  data,
                      GClosure *closure)
{
  g_object_unref (data);
}

static void
keep_toast_dismissed_cb (MmlConflictsReviewPage *self,
                         AdwToast               *toast)
{
  if (self->keep_toast == toast)
    g_clear_weak_pointer (&self->keep_toast);
}

/* Says what a Keep (or Keep all) kept, with an Undo. While the toast is
 * up, later Keeps join it ("3 new matches kept", one Undo for all):
 * toasts one per Keep would queue for minutes, and dismissing one while
 * it appears crashes libadwaita 1.2. @title: one Keep's show, or NULL. */
static void
show_keep_toast (MmlConflictsReviewPage *self,
                 GArray                 *ids,
                 const char             *title)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  GArray *all;

  if (self->keep_toast != NULL)
    {
      all = g_object_get_data (G_OBJECT (self->keep_toast), "mml-ids");
      g_array_append_vals (all, ids->data, ids->len);
      title = NULL;
    }
  else
    {
      AdwToast *toast = adw_toast_new ("");

      all = g_array_copy (ids);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "mml-ids", all, (GDestroyNotify) g_array_unref);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_keep_cb), g_object_ref (self->engine),
                             engine_closure_unref, 0);
      g_set_weak_pointer (&self->keep_toast, toast);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (keep_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
      add_toast (self, toast);
    }

  if (self->keep_toast == NULL)
    return;   /* (no view to show it) */
  if (title != NULL && all->len == 1)
    /* Translators: %s is a show whose automatic match the user kept */
    text = g_strdup_printf (_("%s kept"), title);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new match kept",
                                         "%u new matches kept", all->len), all->len);
  escaped = g_markup_escape_text (text, -1);
  adw_toast_set_title (self->keep_toast, escaped);
}

static void
kept_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KeepData *data = user_data;
  g_autoptr(MmlConflictsReviewPage) self = data->self;
  gint64 series_id = data->series_id;
  g_autoptr(GArray) ids = g_steal_pointer (&data->ids);
  g_autofree char *kept_title = g_steal_pointer (&data->title);
  g_autoptr(GError) error = NULL;

  keep_data_free (data);
  if (!mml_metadata_controller_update_finish (MML_METADATA_CONTROLLER (object), result, &error))
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (series_id == 0)
        release (self);
      else
        g_hash_table_remove (self->keeping, &series_id);
      update_busy (self);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Cannot keep the match: %s"), error->message);
      escaped = g_markup_escape_text (text, -1);
      add_toast (self, adw_toast_new (escaped));
      return;
    }

  /* The engine reloads: the row leaves with it */
  if (series_id == 0)
    self->keep_all_state = KEEP_WRITTEN;   /* until the reload: totals_changed_cb() */
  else if (g_hash_table_contains (self->keeping, &series_id))
    g_hash_table_insert (self->keeping, g_memdup2 (&series_id, sizeof series_id),
                         GUINT_TO_POINTER (KEEP_WRITTEN));
  if (self->engine != NULL && ids->len > 0)
    show_keep_toast (self, ids, series_id != 0 ? kept_title : NULL);
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MmlConflictsReviewPage *self = MML_CONFLICTS_REVIEW_PAGE (widget);
  gint64 series_id = g_variant_get_int64 (param);
  g_autoptr(MmlSeriesItem) item = NULL;
  KeepData *data;

  if (self->engine == NULL || series_id <= 0 || is_keeping (self, series_id))
    return;

  remember_focus (self, series_id);
  g_hash_table_insert (self->keeping, g_memdup2 (&series_id, sizeof series_id),
                       GUINT_TO_POINTER (KEEP_WRITING));
  update_busy (self);

  data = g_new0 (KeepData, 1);
  data->self = g_object_ref (self);
  data->series_id = series_id;
  data->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (data->ids, series_id);
  if ((item = find_item (self, series_id, NULL)) != NULL)
    data->title = mml_title_with_year (mml_series_item_get_title (item), mml_series_item_get_year (item));
  mml_metadata_controller_update_async (mml_engine_get_metadata (self->engine), series_id, MML_META_UPDATE_CONFIRM,
                                        self->cancellable, kept_cb, data);
}

static void
keep_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MmlConflictsReviewPage *self = MML_CONFLICTS_REVIEW_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort));
  KeepData *data;

  if (self->engine == NULL || n == 0 || self->keep_all_state != KEEP_NONE)
    return;

  data = g_new0 (KeepData, 1);
  data->self = g_object_ref (self);
  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (G_LIST_MODEL (self->sort), i);
      gint64 id = mml_series_item_get_id (item);

      g_array_append_val (data->ids, id);
    }

  self->keep_all_state = KEEP_WRITING;
  gtk_filter_list_model_set_model (self->filter, NULL);

  mml_metadata_controller_update_async (mml_engine_get_metadata (self->engine), 0, MML_META_UPDATE_CONFIRM,
                                        self->cancellable, kept_cb, data);
}

/* --- Change… ---------------------------------------------------------------------- */

static void
decided_cb (MmlConflictsReviewPage *self,
            MmlSeriesItem          *item,
            MmlChangeMatchDialog   *dialog)
{
  const char *state = mml_series_item_get_match_state (item);
  const char *folder = mml_series_item_get_folder (item);
  g_autofree char *name = folder ? g_filename_display_basename (folder)
                                 : g_strdup (mml_series_item_get_title (item));
  g_autofree char *title = mml_title_with_year (mml_series_item_get_title (item),
                                                mml_series_item_get_year (item));
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  if (g_strcmp0 (state, "manual") == 0)
    /* Translators: a folder, then the show it is now matched with */
    text = g_strdup_printf (_("“%s” matched with %s"), name, title);
  else if (g_strcmp0 (state, "ignored") == 0)
    /* Translators: %s is a folder */
    text = g_strdup_printf (_("“%s” will not be matched"), name);
  else
    return;

  escaped = g_markup_escape_text (text, -1);
  add_toast (self, adw_toast_new (escaped));
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MmlConflictsReviewPage *self = MML_CONFLICTS_REVIEW_PAGE (widget);
  gint64 series_id = g_variant_get_int64 (param);
  g_autoptr(MmlSeriesItem) item = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  MmlChangeMatchDialog *dialog;

  if (self->engine == NULL || self->change_dialog != NULL || is_keeping (self, series_id))
    return;
  if ((item = find_item (self, series_id, NULL)) == NULL)
    return;

  dialog = mml_change_match_dialog_new (self->engine, item, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_set_weak_pointer (&self->change_dialog, dialog);
  g_signal_connect_object (dialog, "decided", G_CALLBACK (decided_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- following the engine ------------------------------------------------------------ */

/* A reload after a Keep shows it: what was written needs no more waiting */
static void
series_changed_cb (MmlConflictsReviewPage *self,
                   guint                   position,
                   guint                   removed,
                   guint                   added,
                   GListModel             *model)
{
  GHashTableIter iter;
  gpointer value;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->keeping);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (GPOINTER_TO_UINT (value) == KEEP_WRITTEN)
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  if (changed)
    update_busy (self);
}

/* The last step of each reload: after Keep all, the list lets go */
static void
totals_changed_cb (MmlConflictsReviewPage *self)
{
  if (self->keep_all_state == KEEP_WRITTEN)
    release (self);
}

static void
items_changed_cb (MmlConflictsReviewPage *self,
                  guint                   position,
                  guint                   removed,
                  guint                   added,
                  GListModel             *model)
{
  update (self);
  if (removed > 0 && self->refocus_position > 0 && self->refocus_source == 0)
    {
      self->refocus_position--;
      self->refocus_source = g_idle_add_full (G_PRIORITY_LOW, refocus_cb, self, NULL);
    }
}

/**
 * mml_conflicts_review_page_set_engine:
 * @engine: (nullable): the engine whose series are listed
 */
void
mml_conflicts_review_page_set_engine (MmlConflictsReviewPage *self,
                                      MmlEngine              *engine)
{
  g_return_if_fail (MML_IS_CONFLICTS_REVIEW_PAGE (self));
  g_return_if_fail (engine == NULL || MML_IS_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (mml_library_controller_get_series (mml_engine_get_library (self->engine)), self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_library (self->engine), self);
    }

  /* what was in flight was for the other engine */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->keeping);
  self->keep_all_state = KEEP_NONE;
  if (self->change_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->change_dialog));

  g_set_object (&self->engine, engine);
  g_clear_object (&self->cache);
  if (engine != NULL)
    self->cache = g_object_ref (mml_poster_cache_get_for_engine (engine));

  gtk_filter_list_model_set_model (self->filter, engine ? mml_library_controller_get_series (mml_engine_get_library (engine)) : NULL);
  set_factory (self);

  if (engine != NULL)
    {
      /* after the filter (connected first) has seen the reload */
      g_signal_connect_object (mml_library_controller_get_series (mml_engine_get_library (engine)), "items-changed",
                               G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::totals",
                               G_CALLBACK (totals_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

/* --- GObject ------------------------------------------------------------------- */

static void
mml_conflicts_review_page_dispose (GObject *object)
{
  MmlConflictsReviewPage *self = MML_CONFLICTS_REVIEW_PAGE (object);
  GtkWidget *child;

  self->refocus_position = 0;
  g_clear_handle_id (&self->refocus_source, g_source_remove);
  g_clear_weak_pointer (&self->keep_toast);
  mml_conflicts_review_page_set_engine (self, NULL);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->change_dialog);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->section = NULL;
  self->list = NULL;
  self->keep_all_button = NULL;
  forget_rows (self);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort);
  g_clear_object (&self->filter);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (mml_conflicts_review_page_parent_class)->dispose (object);
}

static void
mml_conflicts_review_page_finalize (GObject *object)
{
  MmlConflictsReviewPage *self = MML_CONFLICTS_REVIEW_PAGE (object);

  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->keeping);

  G_OBJECT_CLASS (mml_conflicts_review_page_parent_class)->finalize (object);
}

static void
mml_conflicts_review_page_class_init (MmlConflictsReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_conflicts_review_page_dispose;
  object_class->finalize = mml_conflicts_review_page_finalize;

  bound_quark = g_quark_from_static_string ("mml-review-row-bound");

  gtk_widget_class_install_action (widget_class, "review.keep", "x", keep_action);
  gtk_widget_class_install_action (widget_class, "review.change", "x", change_action);
  gtk_widget_class_install_action (widget_class, "review.keep-all", NULL, keep_all_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mml_conflicts_review_page_init (MmlConflictsReviewPage *self)
{
  GtkCustomFilter *filter;
  GtkCustomSorter *sorter;
  GtkWidget *section = mml_conflicts_section_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Keep all"));
  GtkWidget *list = gtk_list_view_new (NULL, NULL);
  GtkWidget *paths;

  self->rows = g_ptr_array_new ();
  self->keeping = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "review.keep-all");
  gtk_widget_set_tooltip_text (button, _("Keep every new match as it is"));
  self->keep_all_button = button;

  /* a boxed list, as the other pages' (style.css) */
  gtk_widget_add_css_class (list, "card");
  gtk_widget_add_css_class (list, "mml-boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New matches to review"), -1);
  self->list = GTK_LIST_VIEW (list);

  g_object_set (section,
                "description", _("The matcher named these folders on its own, newest first. Keep the right ones (a kept match is final: later scans never change it) and change the others."),
                "empty-icon-name", "object-select-symbolic",
                "empty-title", _("No New Matches to Review"),
                "empty-description", _("Series the matcher names on its own after a scan show up here, newest first, for you to keep or change. Scan a library folder in Paths to find new series."),
                NULL);
  paths = gtk_button_new_with_mnemonic (_("_Go to Paths"));
  gtk_widget_set_halign (paths, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (paths), g_variant_new_string ("paths"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (paths), "win.view");
  gtk_widget_add_css_class (paths, "pill");
  adw_status_page_set_child (mml_conflicts_section_get_status_page (MML_CONFLICTS_SECTION (section)), paths);
  mml_conflicts_section_set_header_suffix (MML_CONFLICTS_SECTION (section), button);
  mml_conflicts_section_set_content (MML_CONFLICTS_SECTION (section), list);
  gtk_widget_set_parent (section, GTK_WIDGET (self));
  self->section = MML_CONFLICTS_SECTION (section);

  filter = gtk_custom_filter_new (is_auto, NULL, NULL);
  self->filter = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  sorter = gtk_custom_sorter_new (compare_added, NULL, NULL);
  self->sort = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter)), GTK_SORTER (sorter));
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sort)));
  g_signal_connect_object (self->sort, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

/* --- the API ------------------------------------------------------------------ */

/**
 * mml_conflicts_review_page_get_model:
 *
 * Returns: (transfer none): the new automatic matches to review, as listed
 */
GListModel *
mml_conflicts_review_page_get_model (MmlConflictsReviewPage *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_REVIEW_PAGE (self), NULL);
  return G_LIST_MODEL (self->sort);
}

/**
 * mml_conflicts_review_page_get_section:
 *
 * Returns: (transfer none): the page's heading, list and status page
 */
MmlConflictsSection *
mml_conflicts_review_page_get_section (MmlConflictsReviewPage *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_REVIEW_PAGE (self), NULL);
  return self->section;
}

GtkListView *
mml_conflicts_review_page_get_list_view (MmlConflictsReviewPage *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_REVIEW_PAGE (self), NULL);
  return self->list;
}

/**
 * mml_conflicts_review_page_find_row:
 * @series_id: a series in the list
 *
 * Returns: (transfer none) (nullable): its row, while the list shows it
 */
MmlMatchReviewRow *
mml_conflicts_review_page_find_row (MmlConflictsReviewPage *self,
                                    gint64                  series_id)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_REVIEW_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      MmlMatchReviewRow *row = g_ptr_array_index (self->rows, i);
      MmlSeriesItem *item = bound_item (row);

      if (item != NULL && mml_series_item_get_id (item) == series_id)
        return row;
    }
  return NULL;
}

/**
 * mml_conflicts_review_page_get_n_rows:
 *
 * Returns: how many rows the list has made (it makes them only for what
 *   is on screen, and a few more)
 */
guint
mml_conflicts_review_page_get_n_rows (MmlConflictsReviewPage *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_REVIEW_PAGE (self), 0);
  return self->rows->len;
}

GtkButton *
mml_conflicts_review_page_get_keep_all_button (MmlConflictsReviewPage *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_REVIEW_PAGE (self), NULL);
  return GTK_BUTTON (self->keep_all_button);
}

/**
 * mml_conflicts_review_page_get_change_dialog:
 *
 * Returns: (transfer none) (nullable): the Change match window, while open
 */
MmlChangeMatchDialog *
mml_conflicts_review_page_get_change_dialog (MmlConflictsReviewPage *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_REVIEW_PAGE (self), NULL);
  return self->change_dialog;
}

/**
 * mml_conflicts_review_page_get_keep_toast:
 *
 * Returns: (transfer none) (nullable): the toast of the last Keeps, while
 *   it shows
 */
AdwToast *
mml_conflicts_review_page_get_keep_toast (MmlConflictsReviewPage *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_REVIEW_PAGE (self), NULL);
  return self->keep_toast;
}
