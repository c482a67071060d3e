/* mml-conflicts-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that needs a human decision, one page each, switched by a
 * view switcher at the top (each page's button counts what it lists):
 *
 *   "confirm"       series folders the matcher could not name with
 *                   certainty (open match conflicts, each an
 *                   MmlMatchConflictRow with its candidates)
 *   "review"        the new automatic matches to review, Keep or Change…
 *                   (MmlConflictsReviewPage, a GtkListView)
 *   "unrecognised"  the videos the scanner could not place, each with the
 *                   library folder it is in, and Assign…
 *   "watch"         watch marks of the media-server sync that disagree
 *   "server"        a server's series the library could not place
 *                   (those two in mml-conflicts-view-sync.c)
 *
 * Each page is an MmlConflictsSection: a heading, the list in the page's
 * one scrolled window, and a status page saying what to do when the list
 * is empty. With nothing anywhere, the view says so instead of the pages.
 * Until the user picks a page, the view shows the first that lists
 * something; mml_conflicts_view_show_section() picks one for them (the
 * Dashboard's links).
 *
 * The lists of conflicts and files are GtkListBoxes bound to the engine's
 * models, which keep the items of unchanged conflicts across reloads, so
 * rows (and what the user typed in them) survive a reload; a conflict row
 * builds its candidates only when expanded, so hundreds of conflicts stay
 * cheap.
 */

#define G_LOG_DOMAIN "mml-conflicts-view"

#include "config.h"

#include "mml-format.h"

#include <glib/gi18n.h>

#include "mml-conflicts-view-private.h"
#include "mml-sync-controller.h"
#include "widgets/mml-match-conflict-row.h"
#include "mml-ui-util.h"
#include "widgets/mml-assign-dialog.h"

/* Up to this many conflicts, their rows open expanded */
#define EXPAND_UP_TO 10

/* The pages, in the switcher's order */
static const char *const section_names[] = { "confirm", "review", "unrecognised", "watch", "server" };

G_DEFINE_FINAL_TYPE (MmlConflictsView, mml_conflicts_view, MML_TYPE_VIEW)

/* --- unrecognised files and series to confirm --------------------------------- */

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

/* --- the pages ----------------------------------------------------------------- */

static GtkWidget *
section_page (MmlConflictsView *self,
              const char       *section)
{
  if (g_str_equal (section, "confirm"))
    return GTK_WIDGET (self->confirm_section);
  if (g_str_equal (section, "review"))
    return GTK_WIDGET (self->review_page);
  if (g_str_equal (section, "unrecognised"))
    return GTK_WIDGET (self->unrecognised_section);
  if (g_str_equal (section, "watch"))
    return GTK_WIDGET (self->watch_section);
  if (g_str_equal (section, "server"))
    return GTK_WIDGET (self->server_section);
  return NULL;
}

static MmlConflictsSection *
section_of (MmlConflictsView *self,
            const char       *section)
{
  GtkWidget *page = section_page (self, section);

  if (MML_IS_CONFLICTS_REVIEW_PAGE (page))
    return mml_conflicts_review_page_get_section (MML_CONFLICTS_REVIEW_PAGE (page));
  return page ? MML_CONFLICTS_SECTION (page) : NULL;
}

static void
switch_to (MmlConflictsView *self,
           const char       *section)
{
  self->switching = TRUE;
  adw_view_stack_set_visible_child_name (self->sections, section);
  self->switching = FALSE;
}

/* Until the user picks a page or does something on one, the first that
 * lists something (the lists load one after the other) */
static void
follow_items (MmlConflictsView *self)
{
  if (self->chosen)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    if (mml_conflicts_section_get_count (section_of (self, section_names[i])) > 0)
      {
        switch_to (self, section_names[i]);
        return;
      }
}

static void
visible_section_cb (MmlConflictsView *self)
{
  if (!self->switching)
    self->chosen = TRUE;
}

/* A click or the keyboard on a page: the page stays */
static void
page_touched_cb (MmlConflictsView *self)
{
  self->chosen = TRUE;
}

/* Shown again: the first page with something, unless the user's has */
static void
mapped_cb (MmlConflictsView *self)
{
  self->chosen = FALSE;
  follow_items (self);
}

/* A page's count on its switcher button (and on the page) */
static void
set_count (MmlConflictsView *self,
           const char       *section,
           guint             count,
           gboolean          attention)
{
  AdwViewStackPage *page = adw_view_stack_get_page (self->sections, section_page (self, section));

  if (!MML_IS_CONFLICTS_REVIEW_PAGE (section_page (self, section)))
    mml_conflicts_section_set_count (section_of (self, section), count);
  adw_view_stack_page_set_badge_number (page, count);
  adw_view_stack_page_set_needs_attention (page, attention && count > 0);
}

void
mml_conflicts_view_update (MmlConflictsView *self)
{
  GListModel *files = self->engine ? mml_library_controller_get_unrecognised (mml_engine_get_library (self->engine)) : NULL;
  GListModel *conflicts = self->engine ? mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (self->engine)) : NULL;
  guint n = files ? g_list_model_get_n_items (files) : 0;
  guint n_conflicts = conflicts ? g_list_model_get_n_items (conflicts) : 0;
  guint n_review = g_list_model_get_n_items (mml_conflicts_review_page_get_model (self->review_page));

  if (n_conflicts > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Series to Confirm",
                                                             "%u Series to Confirm", n_conflicts),
                                                n_conflicts);
      mml_conflicts_section_set_title (self->confirm_section, title);
    }
  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Unrecognised File",
                                                             "%u Unrecognised Files", n),
                                                n);
      mml_conflicts_section_set_title (self->unrecognised_section, title);
    }

  /* what asks for a decision draws the eye; files wait for the user */
  set_count (self, "confirm", n_conflicts, TRUE);
  set_count (self, "review", n_review, TRUE);
  set_count (self, "unrecognised", n, FALSE);
  set_count (self, "watch", self->n_watch, TRUE);
  set_count (self, "server", self->n_server, TRUE);

  /* the sidebar counts what asks for a decision: series to confirm, new
   * matches to review, watch marks that disagree, series to place */
  mml_view_set_badge (MML_VIEW (self), n_conflicts + n_review + self->n_watch + self->n_server);

  gtk_stack_set_visible_child_name (self->stack,
                                    n + n_conflicts + n_review + self->n_watch + self->n_server > 0 ? "list" : "empty");
  follow_items (self);
}

static void
model_changed_cb (MmlConflictsView *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  mml_conflicts_view_update (self);
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
      g_signal_handlers_disconnect_by_data (mml_engine_get_sync (self->engine), self);
    }

  /* what was in flight was for the other engine */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->engine = engine;
  mml_conflicts_review_page_set_engine (self->review_page, engine);

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
      /* a sync, a webhook or a resolution changed marks: the conflicts too */
      g_signal_connect_object (mml_engine_get_sync (engine), "changed",
                               G_CALLBACK (mml_conflicts_view_reload_watch), self, G_CONNECT_SWAPPED);
    }

  mml_conflicts_view_clear_watch (self);
  mml_conflicts_view_reload_watch (self);
  mml_conflicts_view_update (self);
}

static void
mml_conflicts_view_dispose (GObject *object)
{
  MmlConflictsView *self = MML_CONFLICTS_VIEW (object);

  /* drops the engine first (engine_changed: what is in flight is
   * cancelled, the Change match window closes), then the template */
  if (self->assign_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->assign_dialog), (gpointer *) &self->assign_dialog);
  self->assign_dialog = NULL;
  if (self->place_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->place_dialog), (gpointer *) &self->place_dialog);
  self->place_dialog = NULL;
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_CONFLICTS_VIEW);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->watch_cancellable != NULL)
    g_cancellable_cancel (self->watch_cancellable);
  g_clear_object (&self->watch_cancellable);

  G_OBJECT_CLASS (mml_conflicts_view_parent_class)->dispose (object);
}

/* The switcher moves to the bottom bar when not even the narrow one fits
 * (the squeezer falls back to its empty child) */
static void
squeezed_cb (MmlConflictsView *self,
             GParamSpec       *pspec,
             AdwSqueezer      *squeezer)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_squeezer_get_visible_child (squeezer) == self->no_switcher);
}

static void
mml_conflicts_view_class_init (MmlConflictsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_conflicts_view_dispose;

  view_class->engine_changed = mml_conflicts_view_engine_changed;

  g_type_ensure (MML_TYPE_CONFLICTS_SECTION);
  g_type_ensure (MML_TYPE_CONFLICTS_REVIEW_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-conflicts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, sections);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, confirm_section);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, series_list);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, review_page);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, unrecognised_section);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, unrecognised_list);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, watch_section);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, watch_list);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, server_section);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, server_list);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, no_switcher);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, visible_section_cb);
  gtk_widget_class_bind_template_callback (widget_class, squeezed_cb);
}

static void
mml_conflicts_view_init (MmlConflictsView *self)
{
  GtkGesture *click;
  GtkEventController *focus;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (page_touched_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->sections), GTK_EVENT_CONTROLLER (click));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (page_touched_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->sections), focus);

  /* (after the page's own handler: its heading and list are up to date) */
  g_signal_connect_object (mml_conflicts_review_page_get_model (self->review_page), "items-changed",
                           G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  mml_conflicts_view_update (self);
}

/* --- the API ------------------------------------------------------------------- */

/**
 * mml_conflicts_view_show_section:
 * @section: "confirm" (series to confirm), "review" (new matches),
 *   "unrecognised" (files), "watch" (watched on one side) or "server"
 *   (a server's series to place)
 *
 * Shows the page of @section: the Dashboard's links land on what they
 * name.
 */
void
mml_conflicts_view_show_section (MmlConflictsView *self,
                                 const char       *section)
{
  g_return_if_fail (MML_IS_CONFLICTS_VIEW (self));
  g_return_if_fail (section != NULL);
  g_return_if_fail (section_page (self, section) != NULL);

  switch_to (self, section);
  self->chosen = TRUE;
}

/**
 * mml_conflicts_view_get_visible_section:
 *
 * Returns: the name of the page shown (as in
 *   mml_conflicts_view_show_section())
 */
const char *
mml_conflicts_view_get_visible_section (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->sections);
}

/**
 * mml_conflicts_view_get_section:
 *
 * Returns: (transfer none) (nullable): the page of @section (as in
 *   mml_conflicts_view_show_section()), the child of the view stack
 */
GtkWidget *
mml_conflicts_view_get_section (MmlConflictsView *self,
                                const char       *section)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return section_page (self, section);
}

/**
 * mml_conflicts_view_get_stack:
 *
 * Returns: (transfer none): the view stack of the pages, for tests
 */
AdwViewStack *
mml_conflicts_view_get_stack (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return self->sections;
}

/**
 * mml_conflicts_view_get_scroller:
 *
 * Returns: (transfer none) (nullable): the scrolled window of @section's
 *   list, for tests
 */
GtkScrolledWindow *
mml_conflicts_view_get_scroller (MmlConflictsView *self,
                                 const char       *section)
{
  MmlConflictsSection *page;

  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  page = section_of (self, section);
  return page ? mml_conflicts_section_get_scroller (page) : NULL;
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

/**
 * mml_conflicts_view_get_unrecognised_list:
 *
 * Returns: (transfer none): the list of unrecognised files, for tests
 */
GtkListBox *
mml_conflicts_view_get_unrecognised_list (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return self->unrecognised_list;
}

/**
 * mml_conflicts_view_get_match_row:
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
  return mml_conflicts_review_page_get_model (self->review_page);
}

/**
 * mml_conflicts_view_get_review_list:
 *
 * Returns: (transfer none): the list view of the new matches, for tests
 */
GtkListView *
mml_conflicts_view_get_review_list (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return mml_conflicts_review_page_get_list_view (self->review_page);
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
  return mml_conflicts_review_page_find_row (self->review_page, series_id);
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
  return mml_conflicts_review_page_get_n_rows (self->review_page);
}

GtkButton *
mml_conflicts_view_get_keep_all_button (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);
  return mml_conflicts_review_page_get_keep_all_button (self->review_page);
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
  return mml_conflicts_review_page_get_change_dialog (self->review_page);
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
  return mml_conflicts_review_page_get_keep_toast (self->review_page);
}
