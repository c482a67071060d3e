/* mml-conflicts-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that needs a human decision: series folders the matcher could
 * not name with certainty (open match conflicts, each an
 * MmlMatchConflictRow with its candidates), then the videos the scanner
 * could not place (open "unrecognised-file" conflicts), each with the
 * library folder it is in. Watch conflicts of the media-server sync come
 * first: an episode marked watched on one side and unwatched on the other
 * since the last sync, with Keep Mine and Keep Server's (read from the
 * sync controller, again whenever it says the marks changed).
 *
 * Between them, the new automatic matches to review (the "add
 * series from a scan"; when there are none, the note saying so goes last),
 * each with Keep (the match becomes manual, final) and Change…
 * (MmlChangeMatchDialog: the conflict row's choices), and Keep all. A
 * first scan can match thousands, so this list is a GtkListView in a
 * scrolled window of its own (the page's viewport gives it its natural
 * height), which makes rows only for what is on screen:
 *
 *   engine series (GListStore) → GtkFilterListModel (match state "auto")
 *     → GtkSortListModel (newest first) → GtkNoSelection → GtkListView
 *
 * The filter and the sort follow the engine's reloads on their own (Keep
 * all holds them for the one reload it causes, see KEEP_NONE).
 *
 * The two other lists are GtkListBoxes bound to the engine's models, which
 * keep the items of unchanged conflicts across reloads, so rows (and what
 * the user typed in them) survive a reload; a conflict row builds its
 * candidates only when expanded, so hundreds of conflicts stay cheap.
 */

#define G_LOG_DOMAIN "mml-conflicts-view"

#include "config.h"

#include "mml-format.h"

#include <glib/gi18n.h>

#include "mml-conflicts-view.h"
#include "mml-sync-controller.h"
#include "mml-poster-cache.h"
#include "widgets/mml-candidate-row.h"
#include "widgets/mml-match-conflict-row.h"
#include "mml-ui-util.h"
#include "widgets/mml-assign-dialog.h"

/* Up to this many conflicts, their rows open expanded */
#define EXPAND_UP_TO 10

struct _MmlConflictsView
{
  MmlView               parent_instance;

  MmlEngine    *engine;   /* the one bound, not owned (MmlView owns it) */

  /* the review list */
  MmlPosterCache       *cache;
  GtkFilterListModel   *review_filter;
  GtkSortListModel     *review_sort;
  GtkNoSelection       *review_selection;
  GPtrArray            *review_rows;      /* every row the list made (not owned) */
  GHashTable           *keeping;          /* series id → KEEP_*: Keep pressed */
  GCancellable         *cancellable;      /* the Keeps in flight, for this engine */
  MmlChangeMatchDialog *change_dialog;    /* (nullable): the one open */
  GtkWidget            *assign_dialog;    /* (nullable): the Assign dialog open (weak) */
  guint                 keep_all_state;   /* KEEP_* for Keep all; not NONE: the list is held */
  AdwToast             *keep_toast;       /* (nullable): the last Keep's, with its Undo (weak) */
  guint                 refocus_source;
  guint                 refocus_position; /* after a Keep from the keyboard: 1 + where, 0: none */

  GtkStack             *stack;
  GtkScrolledWindow    *scroller;
  GtkBox               *sections;
  AdwPreferencesGroup  *series_group;
  GtkListBox           *series_list;
  AdwPreferencesGroup  *review_group;
  GtkWidget            *keep_all_button;
  GtkStack             *review_stack;
  GtkListView          *review_list;
  AdwPreferencesGroup  *unrecognised_group;
  GtkListBox           *unrecognised_list;
  AdwPreferencesGroup  *watch_group;
  GtkListBox           *watch_list;
  guint                 n_watch;          /* watch conflicts shown */
  AdwPreferencesGroup  *server_group;
  GtkListBox           *server_list;
  guint                 n_server;         /* server series to place shown */
  GtkWidget            *place_dialog;     /* (nullable): Choose Series open (weak) */
  GCancellable         *watch_cancellable; /* the read of them in flight */
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

G_DEFINE_FINAL_TYPE (MmlConflictsView, mml_conflicts_view, MML_TYPE_VIEW)

static GQuark bound_quark;

static void
open_folder_clicked_cb (GtkButton *button,
                        gpointer   user_data)
{
  mml_ui_open_folder (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "mml-folder"));
}

static void
assign_clicked_cb (GtkButton        *button,
                   MmlConflictsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkWidget *dialog;

  if (self->engine == NULL || !GTK_IS_WINDOW (root))
    return;
  dialog = mml_assign_dialog_new (GTK_WINDOW (root), self->engine,
                                  g_object_get_data (G_OBJECT (button), "mml-file"));
  self->assign_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->assign_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_unrecognised_row (gpointer item,
                         gpointer user_data)
{
  MmlConflictsView *self = user_data;
  MmlUnrecognisedFile *file = item;
  GtkWidget *open;
  GtkWidget *assign;
  g_autofree char *name = g_filename_display_basename (mml_unrecognised_file_get_path (file));
  g_autofree char *dir = g_path_get_dirname (mml_unrecognised_file_get_path (file));
  g_autofree char *folder = NULL;
  g_autofree char *folder_display = NULL;
  g_autofree char *root_display = mml_format_path (mml_unrecognised_file_get_root_path (file));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (g_str_equal (dir, "."))
    /* Translators: %s is a library folder */
    subtitle = g_strdup_printf (_("In %s"), root_display);
  else
    {
      folder = g_build_filename (mml_unrecognised_file_get_root_path (file), dir, NULL);
      folder_display = mml_format_path (folder);
      subtitle = g_strdup_printf (_("In %s"), folder_display);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("video-x-generic-symbolic"));
  mml_ui_set_tooltip (row, subtitle);

  /* what to do with it: show it where it is, or say what it is */
  open = gtk_button_new_from_icon_name ("folder-open-symbolic");
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_tooltip_text (open, _("Open Folder"));
  g_object_set_data_full (G_OBJECT (open), "mml-folder",
                          g_build_filename (mml_unrecognised_file_get_root_path (file), dir, NULL), g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (open_folder_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);

  assign = gtk_button_new_with_mnemonic (_("A_ssign…"));
  gtk_widget_set_valign (assign, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (assign, _("Choose the series and episode it holds"));
  g_object_set_data_full (G_OBJECT (assign), "mml-file", g_object_ref (file), g_object_unref);
  g_signal_connect (assign, "clicked", G_CALLBACK (assign_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), assign);

  return row;
}

static GtkWidget *
create_match_row (gpointer item,
                  gpointer user_data)
{
  MmlConflictsView *self = user_data;
  GtkWidget *row = mml_match_conflict_row_new (self->engine, item);
  GListModel *conflicts = mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (self->engine));

  if (g_list_model_get_n_items (conflicts) <= EXPAND_UP_TO)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  return row;
}

/* --- the review list ----------------------------------------------------------- */

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
is_keeping (MmlConflictsView *self,
            gint64            series_id)
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
update_busy (MmlConflictsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->review_sort));

  for (guint i = 0; i < self->review_rows->len; i++)
    {
      MmlMatchReviewRow *row = g_ptr_array_index (self->review_rows, i);
      MmlSeriesItem *item = bound_item (row);

      if (item != NULL)
        mml_match_review_row_set_busy (row, is_keeping (self, mml_series_item_get_id (item)));
    }
  gtk_widget_set_sensitive (self->keep_all_button, n > 0 && self->keep_all_state == KEEP_NONE);
}

static MmlSeriesItem *
find_review_item (MmlConflictsView *self,
                  gint64            series_id,
                  guint            *position)
{
  GListModel *model = G_LIST_MODEL (self->review_sort);
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

/* A row may go without a teardown (with its list): forget it then */
static void
review_row_gone_cb (gpointer  user_data,
                    GObject  *where_the_row_was)
{
  MmlConflictsView *self = user_data;

  g_ptr_array_remove_fast (self->review_rows, where_the_row_was);
}

static void
forget_review_rows (MmlConflictsView *self)
{
  for (guint i = 0; i < self->review_rows->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->review_rows, i), review_row_gone_cb, self);
  g_ptr_array_set_size (self->review_rows, 0);
}

static void
review_setup_cb (MmlConflictsView         *self,
                 GtkListItem              *list_item,
                 GtkSignalListItemFactory *factory)
{
  GtkWidget *row = mml_match_review_row_new (self->cache);

  /* the row's buttons act; the row itself does not */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, row);
  g_ptr_array_add (self->review_rows, row);
  g_object_weak_ref (G_OBJECT (row), review_row_gone_cb, self);
}

static void
review_teardown_cb (MmlConflictsView         *self,
                    GtkListItem              *list_item,
                    GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (row != NULL && g_ptr_array_remove_fast (self->review_rows, row))
    g_object_weak_unref (G_OBJECT (row), review_row_gone_cb, self);
}

/* GTK 4.8 unbinds and binds again every row after one that goes: so a
 * row keeps its item when unbound, and binding it to the same item costs
 * nothing */
static void
review_bind_cb (MmlConflictsView         *self,
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
review_unbind_cb (MmlConflictsView         *self,
                  GtkListItem              *list_item,
                  GtkSignalListItemFactory *factory)
{
  g_object_set_qdata (G_OBJECT (gtk_list_item_get_child (list_item)), bound_quark, NULL);
}

/* The rows hold the engine and its poster cache: new rows for a new one */
static void
set_review_factory (MmlConflictsView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_list_view_set_model (self->review_list, NULL);
  if (self->engine == NULL)
    {
      gtk_list_view_set_factory (self->review_list, NULL);
      return;
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (review_setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (review_teardown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (review_bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (review_unbind_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->review_list, factory);
  gtk_list_view_set_model (self->review_list, GTK_SELECTION_MODEL (self->review_selection));
}

/* After Keep from the keyboard, focus goes to the row that takes the kept
 * one's place, so the next Keep is one key away */
static gboolean
refocus_cb (gpointer user_data)
{
  MmlConflictsView *self = user_data;
  GListModel *model = G_LIST_MODEL (self->review_sort);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(MmlSeriesItem) item = NULL;

  self->refocus_source = 0;
  if (n == 0)
    return G_SOURCE_REMOVE;

  item = g_list_model_get_item (model, MIN (self->refocus_position, n - 1));
  for (guint i = 0; i < self->review_rows->len; i++)
    {
      MmlMatchReviewRow *row = g_ptr_array_index (self->review_rows, i);

      if (bound_item (row) == item)
        {
          gtk_widget_grab_focus (GTK_WIDGET (mml_match_review_row_get_keep_button (row)));
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

static void
remember_focus (MmlConflictsView *self,
                gint64            series_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  guint position;
  g_autoptr(MmlSeriesItem) item = NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->review_list)))
    return;
  if ((item = find_review_item (self, series_id, &position)) != NULL)
    self->refocus_position = position + 1;   /* +1: a refocus is wanted */
}

static void
release_review (MmlConflictsView *self)
{
  self->keep_all_state = KEEP_NONE;
  gtk_filter_list_model_set_model (self->review_filter,
                                   self->engine ? mml_library_controller_get_series (mml_engine_get_library (self->engine)) : NULL);
  update_busy (self);
}

typedef struct
{
  MmlConflictsView *self;
  gint64            series_id;   /* 0: Keep all */
  GArray           *ids;         /* (element-type gint64): the series kept, for Undo */
  char             *title;       /* one Keep: the show kept */
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
keep_toast_dismissed_cb (MmlConflictsView *self,
                         AdwToast         *toast)
{
  if (self->keep_toast == toast)
    g_clear_weak_pointer (&self->keep_toast);
}

/* Says what a Keep (or Keep all) kept, with an Undo. While the toast is
 * up, later Keeps join it ("3 new matches kept", one Undo for all):
 * toasts one per Keep would queue for minutes, and dismissing one while
 * it appears crashes libadwaita 1.2. @title: one Keep's show, or NULL. */
static void
show_keep_toast (MmlConflictsView *self,
                 GArray           *ids,
                 const char       *title)
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
      mml_view_add_toast (MML_VIEW (self), toast);
    }

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
  g_autoptr(MmlConflictsView) self = data->self;
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
        release_review (self);
      else
        g_hash_table_remove (self->keeping, &series_id);
      update_busy (self);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Cannot keep the match: %s"), error->message);
      escaped = g_markup_escape_text (text, -1);
      mml_view_add_toast (MML_VIEW (self), adw_toast_new (escaped));
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
  MmlConflictsView *self = MML_CONFLICTS_VIEW (widget);
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
  if ((item = find_review_item (self, series_id, NULL)) != NULL)
    data->title = mml_title_with_year (mml_series_item_get_title (item), mml_series_item_get_year (item));
  mml_metadata_controller_update_async (mml_engine_get_metadata (self->engine), series_id, MML_META_UPDATE_CONFIRM, self->cancellable, kept_cb, data);
}

static void
keep_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MmlConflictsView *self = MML_CONFLICTS_VIEW (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->review_sort));
  KeepData *data;

  if (self->engine == NULL || n == 0 || self->keep_all_state != KEEP_NONE)
    return;

  data = g_new0 (KeepData, 1);
  data->self = g_object_ref (self);
  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (G_LIST_MODEL (self->review_sort), i);
      gint64 id = mml_series_item_get_id (item);

      g_array_append_val (data->ids, id);
    }

  self->keep_all_state = KEEP_WRITING;
  gtk_filter_list_model_set_model (self->review_filter, NULL);

  mml_metadata_controller_update_async (mml_engine_get_metadata (self->engine), 0, MML_META_UPDATE_CONFIRM, self->cancellable, kept_cb, data);
}

static void
decided_cb (MmlConflictsView     *self,
            MmlSeriesItem        *item,
            MmlChangeMatchDialog *dialog)
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
  mml_view_add_toast (MML_VIEW (self), adw_toast_new (escaped));
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MmlConflictsView *self = MML_CONFLICTS_VIEW (widget);
  gint64 series_id = g_variant_get_int64 (param);
  g_autoptr(MmlSeriesItem) item = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  MmlChangeMatchDialog *dialog;

  if (self->engine == NULL || self->change_dialog != NULL || is_keeping (self, series_id))
    return;
  if ((item = find_review_item (self, series_id, NULL)) == NULL)
    return;

  dialog = mml_change_match_dialog_new (self->engine, item, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_set_weak_pointer (&self->change_dialog, dialog);
  g_signal_connect_object (dialog, "decided", G_CALLBACK (decided_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A reload after a Keep shows it: what was written needs no more waiting */
static void
series_changed_cb (MmlConflictsView *self,
                   guint             position,
                   guint             removed,
                   guint             added,
                   GListModel       *model)
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
totals_changed_cb (MmlConflictsView *self)
{
  if (self->keep_all_state == KEEP_WRITTEN)
    release_review (self);
}

/* --- watch conflicts ----------------------------------------------------------- */

static void update (MmlConflictsView *self);
static void reload_watch (MmlConflictsView *self);

/* "watched 5 Dec 2026, 20:15", "watched", "unwatched" */
static char *
watch_state_text (const MmlWatchState *state)
{
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *when = NULL;

  if (!state->watched)
    return g_strdup (_("unwatched"));
  if (state->at <= 0)
    return g_strdup (_("watched"));
  at = g_date_time_new_from_unix_local (state->at);
  /* Translators: a date and time as strftime() writes it */
  when = g_date_time_format (at, _("%-d %b %Y, %H:%M"));
  /* Translators: %s is a date and time */
  return g_strdup_printf (_("watched %s"), when);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  GtkWidget *view = gtk_widget_get_ancestor (row, MML_TYPE_CONFLICTS_VIEW);
  g_autoptr(GError) error = NULL;

  if (!mml_sync_controller_resolve_finish (MML_SYNC_CONTROLLER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* the row says why and can be tried again */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_sensitive (row, TRUE);
      return;
    }
  if (view != NULL)
    reload_watch (MML_CONFLICTS_VIEW (view));
}

static void
keep_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  MmlConflictsView *self = user_data;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "conflict-id"));
  gboolean keep_local = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "keep-local"));

  if (self->engine == NULL || row == NULL)
    return;
  gtk_widget_set_sensitive (row, FALSE);
  mml_sync_controller_resolve_async (mml_engine_get_sync (self->engine), id, keep_local, self->cancellable,
                                     resolved_cb, g_object_ref (row));
}

static GtkWidget *
create_watch_row (MmlConflictsView      *self,
                  const MmlSyncConflict *c)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *title = NULL;
  g_autofree char *here = watch_state_text (&c->local);
  g_autofree char *there = watch_state_text (&c->server);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_title = NULL;
  const char *labels[] = { N_("Keep Mine"), N_("Keep Server's") };
  const char *tips[] = { N_("Send this library's mark to the server"), N_("Take the server's mark here") };

  if (c->season >= 0 && c->episode >= 0)
    /* Translators: a series, then its season and episode */
    title = g_strdup_printf (_("%s — S%02dE%02d"), c->series_title != NULL ? c->series_title : "",
                             c->season, c->episode);
  else
    title = g_strdup (c->series_title != NULL ? c->series_title : "");
  escaped_title = g_markup_escape_text (title, -1);
  /* Translators: this library's mark, then the server's ("unwatched", "watched 5 Dec 2026, 20:15") */
  subtitle = g_strdup_printf (_("Here: %s · On the server: %s"), here, there);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "conflict-id", GSIZE_TO_POINTER ((gsize) c->id));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(labels[i]));

      gtk_widget_set_tooltip_text (button, _(tips[i]));
      g_object_set_data (G_OBJECT (button), "keep-local", GINT_TO_POINTER (i == 0));
      g_signal_connect (button, "clicked", G_CALLBACK (keep_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

/* --- a server's series to place ----------------------------------------------- */

typedef struct
{
  MmlConflictsView *self;    /* weak */
  gint64            conflict_id;
  GtkDropDown      *series;
} Place;

static void
place_free (gpointer  data,
            GClosure *closure)
{
  Place *p = data;

  g_clear_weak_pointer (&p->self);
  g_free (p);
}

static void
placed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlConflictsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_sync_controller_map_series_finish (MML_SYNC_CONTROLLER (source), result, &error))
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("Cannot place the series: %s"), error->message);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      mml_view_add_toast (MML_VIEW (self), adw_toast_new (escaped));
    }
  reload_watch (self);
}

static void
place_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Place            *p)
{
  MmlSeriesItem *series = gtk_drop_down_get_selected_item (p->series);

  if (g_strcmp0 (response, "place") != 0 || series == NULL || p->self == NULL || p->self->engine == NULL)
    return;
  mml_sync_controller_map_series_async (mml_engine_get_sync (p->self->engine), p->conflict_id,
                                        mml_series_item_get_id (series), NULL, placed_cb, g_object_ref (p->self));
}

static void
place_selected_cb (GtkDropDown      *dropdown,
                   GParamSpec       *pspec,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "place", gtk_drop_down_get_selected_item (dropdown) != NULL);
}

static void
place_clicked_cb (GtkButton        *button,
                  MmlConflictsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  const char *title = g_object_get_data (G_OBJECT (button), "mml-title");
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  Place *p;

  if (self->engine == NULL || !GTK_IS_WINDOW (root))
    return;
  /* Translators: %s is a series as a media server names it */
  heading = g_strdup_printf (_("Which Series Is “%s”?"), title ? title : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading,
                                   _("Choose the library’s series the server means. Its watched marks follow "
                                     "that series from now on."));
  p = g_new0 (Place, 1);
  g_set_weak_pointer (&p->self, self);
  p->conflict_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "mml-conflict"));
  p->series = mml_series_drop_down_new (self->engine);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (p->series));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "place", _("_Choose"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "place", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "place", FALSE);
  g_signal_connect (p->series, "notify::selected-item", G_CALLBACK (place_selected_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (place_response_cb), p, place_free, 0);
  self->place_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->place_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the server calls it, and Choose Series… */
static GtkWidget *
create_server_row (MmlConflictsView      *self,
                   const MmlSyncConflict *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("C_hoose Series…"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), conflict->title ? conflict->title : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("On a media server; not found in the library"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("network-server-symbolic"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "mml-conflict", GSIZE_TO_POINTER ((gsize) conflict->id));
  g_object_set_data_full (G_OBJECT (button), "mml-title", g_strdup (conflict->title), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (place_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
watch_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MmlConflictsView *self = user_data;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  list = mml_sync_controller_list_conflicts_finish (MML_SYNC_CONTROLLER (source), result, &error);
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the watch conflicts: %s", error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->watch_list))) != NULL)
    gtk_list_box_remove (self->watch_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->server_list))) != NULL)
    gtk_list_box_remove (self->server_list, child);
  self->n_watch = self->n_server = 0;
  for (guint i = 0; i < list->len; i++)
    {
      MmlSyncConflict *conflict = g_ptr_array_index (list, i);

      if (conflict->kind == MML_SYNC_CONFLICT_WATCH)
        {
          gtk_list_box_append (self->watch_list, create_watch_row (self, conflict));
          self->n_watch++;
        }
      /* (a metadata match conflict is the Series to Confirm's) */
      else if (conflict->server_id > 0)
        {
          gtk_list_box_append (self->server_list, create_server_row (self, conflict));
          self->n_server++;
        }
    }
  if (self->n_server > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Server Series to Place",
                                                             "%u Server Series to Place", self->n_server),
                                                self->n_server);

      adw_preferences_group_set_title (self->server_group, title);
    }
  if (self->n_watch > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Episode Watched on One Side Only",
                                                             "%u Episodes Watched on One Side Only", self->n_watch),
                                                self->n_watch);

      adw_preferences_group_set_title (self->watch_group, title);
    }
  update (self);
}

static void
reload_watch (MmlConflictsView *self)
{
  if (self->watch_cancellable != NULL)
    g_cancellable_cancel (self->watch_cancellable);
  g_clear_object (&self->watch_cancellable);
  if (self->engine == NULL)
    return;
  self->watch_cancellable = g_cancellable_new ();
  mml_sync_controller_list_conflicts_async (mml_engine_get_sync (self->engine),
                                            1 << MML_SYNC_CONFLICT_WATCH | 1 << MML_SYNC_CONFLICT_MATCH,
                                            self->watch_cancellable, watch_listed_cb, self);
}

/* --- the view ------------------------------------------------------------------ */

static void
update (MmlConflictsView *self)
{
  GListModel *files = self->engine ? mml_library_controller_get_unrecognised (mml_engine_get_library (self->engine)) : NULL;
  GListModel *conflicts = self->engine ? mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (self->engine)) : NULL;
  guint n = files ? g_list_model_get_n_items (files) : 0;
  guint n_conflicts = conflicts ? g_list_model_get_n_items (conflicts) : 0;
  guint n_review = g_list_model_get_n_items (G_LIST_MODEL (self->review_sort));

  if (n_conflicts > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Series to Confirm",
                                                             "%u Series to Confirm", n_conflicts),
                                                n_conflicts);
      adw_preferences_group_set_title (self->series_group, title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->series_group), n_conflicts > 0);
  /* the sidebar counts what asks for a decision: series to confirm, new
   * matches to review, watch marks that disagree */
  mml_view_set_badge (MML_VIEW (self), n_conflicts + n_review + self->n_watch + self->n_server);
  gtk_widget_set_visible (GTK_WIDGET (self->unrecognised_group), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->watch_group), self->n_watch > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->server_group), self->n_server > 0);

  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Unrecognised File",
                                                             "%u Unrecognised Files", n),
                                                n);
      adw_preferences_group_set_title (self->unrecognised_group, title);
    }

  if (n_review > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u New Match to Review",
                                                             "%u New Matches to Review", n_review),
                                                n_review);
      adw_preferences_group_set_title (self->review_group, title);
      adw_preferences_group_set_description (self->review_group,
                                             _("The matcher named these folders on its own, newest first. Keep the right ones (a kept match is final: later scans never change it) and change the others."));
    }
  else
    {
      adw_preferences_group_set_title (self->review_group, _("New Matches to Review"));
      adw_preferences_group_set_description (self->review_group, NULL);
    }
  gtk_widget_set_visible (self->keep_all_button, n_review > 0);
  gtk_stack_set_visible_child_name (self->review_stack, n_review > 0 ? "list" : "empty");
  /* the matches to review right after the series to confirm; the note
   * that there are none after everything that needs doing */
  gtk_box_reorder_child_after (self->sections, GTK_WIDGET (self->review_group),
                               n_review > 0 ? GTK_WIDGET (self->series_group)
                                            : GTK_WIDGET (self->unrecognised_group));
  update_busy (self);

  gtk_stack_set_visible_child_name (self->stack, n + n_conflicts + n_review + self->n_watch > 0 ? "list" : "empty");
}

static void
model_changed_cb (MmlConflictsView *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  update (self);
}

static void
review_changed_cb (MmlConflictsView *self,
                   guint             position,
                   guint             removed,
                   guint             added,
                   GListModel       *model)
{
  update (self);
  if (removed > 0 && self->refocus_position > 0 && self->refocus_source == 0)
    {
      self->refocus_position--;
      self->refocus_source = g_idle_add_full (G_PRIORITY_LOW, refocus_cb, self, NULL);
    }
}

static void
mml_conflicts_view_engine_changed (MmlView *view)
{
  MmlConflictsView *self = MML_CONFLICTS_VIEW (view);
  MmlEngine *engine = mml_view_get_engine (view);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (mml_library_controller_get_unrecognised (mml_engine_get_library (self->engine)), self);
      g_signal_handlers_disconnect_by_data (mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (self->engine)), self);
      g_signal_handlers_disconnect_by_data (mml_library_controller_get_series (mml_engine_get_library (self->engine)), self);
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_sync (self->engine), self);
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

  self->engine = engine;
  g_clear_object (&self->cache);
  if (engine != NULL)
    self->cache = g_object_ref (mml_poster_cache_get_for_engine (engine));

  gtk_filter_list_model_set_model (self->review_filter, engine ? mml_library_controller_get_series (mml_engine_get_library (engine)) : NULL);
  set_review_factory (self);

  gtk_list_box_bind_model (self->series_list,
                           engine ? mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (engine)) : NULL,
                           engine ? create_match_row : NULL, self, NULL);

  gtk_list_box_bind_model (self->unrecognised_list,
                           engine ? mml_library_controller_get_unrecognised (mml_engine_get_library (engine)) : NULL,
                           engine ? create_unrecognised_row : NULL, self, NULL);

  if (engine != NULL)
    {
      g_signal_connect_object (mml_library_controller_get_unrecognised (mml_engine_get_library (engine)), "items-changed",
                               G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (engine)), "items-changed",
                               G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
      /* after the filter (connected first) has seen the reload */
      g_signal_connect_object (mml_library_controller_get_series (mml_engine_get_library (engine)), "items-changed",
                               G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::totals",
                               G_CALLBACK (totals_changed_cb), self, G_CONNECT_SWAPPED);
      /* a sync, a webhook or a resolution changed marks: the conflicts too */
      g_signal_connect_object (mml_engine_get_sync (engine), "changed",
                               G_CALLBACK (reload_watch), self, G_CONNECT_SWAPPED);
    }

  self->n_watch = self->n_server = 0;
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->watch_list))) != NULL)
      gtk_list_box_remove (self->watch_list, child);
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->server_list))) != NULL)
      gtk_list_box_remove (self->server_list, child);
  }
  reload_watch (self);
  update (self);
}

static void
mml_conflicts_view_dispose (GObject *object)
{
  MmlConflictsView *self = MML_CONFLICTS_VIEW (object);

  self->refocus_position = 0;
  g_clear_weak_pointer (&self->keep_toast);
  /* drops the engine first (engine_changed: what is in flight is
   * cancelled, the Change match window closes), then the template */
  if (self->assign_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->assign_dialog), (gpointer *) &self->assign_dialog);
  self->assign_dialog = NULL;
  if (self->place_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->place_dialog), (gpointer *) &self->place_dialog);
  self->place_dialog = NULL;
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_CONFLICTS_VIEW);
  g_clear_handle_id (&self->refocus_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->watch_cancellable != NULL)
    g_cancellable_cancel (self->watch_cancellable);
  g_clear_object (&self->watch_cancellable);
  if (self->change_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->change_dialog));
  g_clear_weak_pointer (&self->change_dialog);
  forget_review_rows (self);

  g_clear_object (&self->review_selection);
  g_clear_object (&self->review_sort);
  g_clear_object (&self->review_filter);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (mml_conflicts_view_parent_class)->dispose (object);
}

static void
mml_conflicts_view_finalize (GObject *object)
{
  MmlConflictsView *self = MML_CONFLICTS_VIEW (object);

  g_ptr_array_unref (self->review_rows);
  g_hash_table_unref (self->keeping);

  G_OBJECT_CLASS (mml_conflicts_view_parent_class)->finalize (object);
}

static void
mml_conflicts_view_class_init (MmlConflictsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_conflicts_view_dispose;
  object_class->finalize = mml_conflicts_view_finalize;

  view_class->engine_changed = mml_conflicts_view_engine_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-conflicts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, sections);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, series_group);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, series_list);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, review_group);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, keep_all_button);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, review_stack);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, review_list);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, unrecognised_group);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, unrecognised_list);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, watch_group);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, watch_list);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, server_group);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, server_list);

  bound_quark = g_quark_from_static_string ("mml-review-row-bound");

  gtk_widget_class_install_action (widget_class, "review.keep", "x", keep_action);
  gtk_widget_class_install_action (widget_class, "review.change", "x", change_action);
  gtk_widget_class_install_action (widget_class, "review.keep-all", NULL, keep_all_action);
}

static void
mml_conflicts_view_init (MmlConflictsView *self)
{
  GtkCustomFilter *filter;
  GtkCustomSorter *sorter;

  self->review_rows = g_ptr_array_new ();
  self->keeping = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  filter = gtk_custom_filter_new (is_auto, NULL, NULL);
  self->review_filter = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  sorter = gtk_custom_sorter_new (compare_added, NULL, NULL);
  self->review_sort = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->review_filter)),
                                               GTK_SORTER (sorter));
  self->review_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->review_sort)));
  g_signal_connect_object (self->review_sort, "items-changed",
                           G_CALLBACK (review_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

/**
 * mml_conflicts_view_get_place_dialog:
 *
 * Returns: (transfer none) (nullable): the dialog that places a server's
 *   series, open (for tests)
 */
GtkWidget *
mml_conflicts_view_get_place_dialog (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);

  return self->place_dialog;
}

/**
 * mml_conflicts_view_get_server_list:
 *
 * Returns: (transfer none): the list of a server's series to place
 */
GtkListBox *
mml_conflicts_view_get_server_list (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);

  return self->server_list;
}

/**
 * mml_conflicts_view_get_assign_dialog:
 *
 * Returns: (transfer none) (nullable): the Assign dialog open, for tests
 */
GtkWidget *
mml_conflicts_view_get_assign_dialog (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);

  return self->assign_dialog;
}

/**
 * mml_conflicts_view_get_unrecognised_list:
 * @self: a #MmlConflictsView
 *
 * Returns: (transfer none): the list of unrecognised files, for tests
 */
/**
 * mml_conflicts_view_get_watch_list:
 *
 * Returns: (transfer none): the list of watch conflicts (for tests)
 */
GtkListBox *
mml_conflicts_view_get_watch_list (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return self->watch_list;
}

GtkListBox *
mml_conflicts_view_get_unrecognised_list (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);

  return self->unrecognised_list;
}

/**
 * mml_conflicts_view_get_match_row:
 * @self: a #MmlConflictsView
 * @index: a position in the list of series to confirm
 *
 * Returns: (transfer none) (nullable): that row, for tests
 */
MmlMatchConflictRow *
mml_conflicts_view_get_match_row (MmlConflictsView *self,
                                  guint             index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);

  row = gtk_list_box_get_row_at_index (self->series_list, (int) index);
  return row ? MML_MATCH_CONFLICT_ROW (row) : NULL;
}

/**
 * mml_conflicts_view_get_review_model:
 *
 * Returns: (transfer none): the new automatic matches to review, as listed
 */
GListModel *
mml_conflicts_view_get_review_model (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->review_sort);
}

/**
 * mml_conflicts_view_find_review_row:
 * @series_id: a series in the review list
 *
 * Returns: (transfer none) (nullable): its row, while the list shows it
 */
MmlMatchReviewRow *
mml_conflicts_view_find_review_row (MmlConflictsView *self,
                                    gint64            series_id)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);

  for (guint i = 0; i < self->review_rows->len; i++)
    {
      MmlMatchReviewRow *row = g_ptr_array_index (self->review_rows, i);
      MmlSeriesItem *item = bound_item (row);

      if (item != NULL && mml_series_item_get_id (item) == series_id)
        return row;
    }
  return NULL;
}

/**
 * mml_conflicts_view_get_n_review_rows:
 *
 * Returns: how many rows the review list has made (it makes them only for
 *   what is on screen, and a few more)
 */
guint
mml_conflicts_view_get_n_review_rows (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), 0);
  return self->review_rows->len;
}

GtkButton *
mml_conflicts_view_get_keep_all_button (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return GTK_BUTTON (self->keep_all_button);
}

/**
 * mml_conflicts_view_get_change_dialog:
 *
 * Returns: (transfer none) (nullable): the Change match window, while open
 */
MmlChangeMatchDialog *
mml_conflicts_view_get_change_dialog (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return self->change_dialog;
}

static GtkWidget *
section_group (MmlConflictsView *self,
               const char       *section)
{
  if (g_str_equal (section, "confirm"))
    return GTK_WIDGET (self->series_group);
  if (g_str_equal (section, "review"))
    return GTK_WIDGET (self->review_group);
  if (g_str_equal (section, "unrecognised"))
    return GTK_WIDGET (self->unrecognised_group);
  if (g_str_equal (section, "watch"))
    return GTK_WIDGET (self->watch_group);
  if (g_str_equal (section, "server"))
    return GTK_WIDGET (self->server_group);
  return NULL;
}

/**
 * mml_conflicts_view_show_section:
 * @section: "confirm" (series to confirm), "review" (new matches),
 *   "unrecognised" (files), "watch" (watched on one side) or "server"
 *   (a server's series to place)
 *
 * Scrolls to @section once it is laid out: the Dashboard's links land on
 * what they name.
 */
void
mml_conflicts_view_show_section (MmlConflictsView *self,
                                 const char       *section)
{
  GtkWidget *group;

  g_return_if_fail (MML_IS_CONFLICTS_VIEW (self));
  g_return_if_fail (section != NULL);

  group = section_group (self, section);
  g_return_if_fail (group != NULL);

  mml_ui_scroll_to (self->scroller, group);
}

/**
 * mml_conflicts_view_get_keep_toast:
 *
 * Returns: (transfer none) (nullable): the toast of the last Keeps, while
 *   it shows, for tests
 */
AdwToast *
mml_conflicts_view_get_keep_toast (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return self->keep_toast;
}

/**
 * mml_conflicts_view_get_scroller:
 *
 * Returns: (transfer none): the scrolled window of the sections, for tests
 */
GtkScrolledWindow *
mml_conflicts_view_get_scroller (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return self->scroller;
}

/**
 * mml_conflicts_view_get_section:
 *
 * Returns: (transfer none) (nullable): the group of @section (as in
 *   mml_conflicts_view_show_section()), for tests
 */
GtkWidget *
mml_conflicts_view_get_section (MmlConflictsView *self,
                                const char       *section)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return section_group (self, section);
}
