/* mml-activity-view.c — the activity log: what the background jobs, the
 * syncs, the file operations and the downloads did, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lines are the scheduler's log (mml_scheduler_activity_async(), the
 * same read as `mml activity`), kept as many days as Settings says; this
 * view groups their kinds for its filter and narrows by words. A
 * GtkListView over a filter model, reloaded whenever the scheduler says
 * a line came or old ones went.
 */

#define G_LOG_DOMAIN "mml-activity"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-activity-view.h"

#include "mml-format.h"
#include "mml-jobs-store.h"
#include "mml-scheduler.h"

/* --- one line, as a list item ------------------------------------------------ */

#define MML_TYPE_ACTIVITY_ITEM (mml_activity_item_get_type ())
G_DECLARE_FINAL_TYPE (MmlActivityItem, mml_activity_item, MML, ACTIVITY_ITEM, GObject)

struct _MmlActivityItem
{
  GObject           parent_instance;
  MmlActivityRow   *row;
  MmlActivityGroup  group;
  char             *haystack;   /* casefolded: kind and text */
};

G_DEFINE_FINAL_TYPE (MmlActivityItem, mml_activity_item, G_TYPE_OBJECT)

static void
mml_activity_item_finalize (GObject *object)
{
  MmlActivityItem *self = MML_ACTIVITY_ITEM (object);

  g_clear_pointer (&self->row, mml_activity_row_free);
  g_free (self->haystack);
  G_OBJECT_CLASS (mml_activity_item_parent_class)->finalize (object);
}

static void
mml_activity_item_class_init (MmlActivityItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mml_activity_item_finalize;
}

static void
mml_activity_item_init (MmlActivityItem *self)
{
}

/**
 * mml_activity_group_of:
 * @kind: a kind of the log ("scan", "sync", "subtitles", "files" …)
 *
 * Returns: the group the kind filter puts it in; a kind it does not know
 *   is a job
 */
MmlActivityGroup
mml_activity_group_of (const char *kind)
{
  static const char * const files[] = { "files", "organize", "rename", "transfer", "transfers", "trash", NULL };

  if (g_strcmp0 (kind, "sync") == 0 || g_strcmp0 (kind, "webhook") == 0)
    return MML_ACTIVITY_SYNC;
  if (g_strcmp0 (kind, "subtitles") == 0 || g_strcmp0 (kind, "download") == 0)
    return MML_ACTIVITY_DOWNLOADS;
  if (kind != NULL && g_strv_contains (files, kind))
    return MML_ACTIVITY_FILES;
  return MML_ACTIVITY_JOBS;
}

/* The kind in words, "Scan" */
static const char *
kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "scan", N_("Scan") },
    { "refresh", N_("Metadata refresh") },
    { "subtitles", N_("Subtitles") },
    { "sync", N_("Media server sync") },
    { "cache", N_("Cache clean-up") },
    { "files", N_("Files") },
    { "organize", N_("Renames") },
    { "transfer", N_("Transfers") },
    { "transfers", N_("Transfers") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].kind, kind) == 0)
      return _(labels[i].label);
  return kind;
}

static const char *
group_icon (MmlActivityGroup group)
{
  switch (group)
    {
    case MML_ACTIVITY_SYNC:
      return "emblem-synchronizing-symbolic";
    case MML_ACTIVITY_FILES:
      return "folder-symbolic";
    case MML_ACTIVITY_DOWNLOADS:
      return "folder-download-symbolic";
    case MML_ACTIVITY_JOBS:
    case MML_ACTIVITY_ALL:
    default:
      return "emblem-system-symbolic";
    }
}

static MmlActivityItem *
mml_activity_item_new (MmlActivityRow *row)   /* (transfer full) */
{
  MmlActivityItem *self = g_object_new (MML_TYPE_ACTIVITY_ITEM, NULL);
  g_autofree char *text = NULL;

  self->row = row;
  self->group = mml_activity_group_of (row->kind);
  text = g_strjoin (" ", kind_label (row->kind), row->kind ? row->kind : "", row->text ? row->text : "", NULL);
  self->haystack = g_utf8_casefold (text, -1);
  return self;
}

/* --- the view ---------------------------------------------------------------------- */

struct _MmlActivityView
{
  MmlView             parent_instance;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_dropdown;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkListView        *list_view;

  MmlEngine          *engine;        /* unowned: the view's */
  GListStore         *items;         /* MmlActivityItem, newest first */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GCancellable       *cancellable;
  char              **words;         /* casefolded search words */
  guint               n_loads;
  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (MmlActivityView, mml_activity_view, MML_TYPE_VIEW)

static gboolean
item_visible (gpointer item,
              gpointer user_data)
{
  MmlActivityView *self = user_data;
  MmlActivityItem *line = item;
  MmlActivityGroup group = gtk_drop_down_get_selected (self->kind_dropdown);

  if (group != MML_ACTIVITY_ALL && line->group != group)
    return FALSE;
  for (guint i = 0; self->words != NULL && self->words[i] != NULL; i++)
    if (strstr (line->haystack, self->words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
filtering (MmlActivityView *self)
{
  return gtk_drop_down_get_selected (self->kind_dropdown) != MML_ACTIVITY_ALL ||
         (self->words != NULL && self->words[0] != NULL);
}

static void
update_state (MmlActivityView *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;
  const char *page;

  if (!self->loaded)
    page = "loading";
  else if (n_all == 0)
    page = "empty";
  else if (n_shown == 0)
    page = "no-results";
  else
    page = "list";
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, !self->loaded);

  if (self->loaded && n_all > 0)
    {
      g_autofree char *all = g_strdup_printf ("%'u", n_all);
      g_autofree char *shown = g_strdup_printf ("%'u", n_shown);
      guint days = self->engine ? mml_scheduler_get_activity_keep_days (mml_engine_get_scheduler (self->engine)) : 0;

      if (filtering (self))
        /* Translators: "Showing 4 of 120 entries" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing %s of %s entry",
                                             "Showing %s of %s entries", n_all),
                                shown, all);
      else
        /* Translators: "120 entries from the last 90 days" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry from the last %u days",
                                             "%s entries from the last %u days", n_all),
                                all, days);
    }
  gtk_label_set_label (self->count_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), text != NULL);
}

static void
filtered_changed_cb (MmlActivityView *self,
                     guint            position,
                     guint            removed,
                     guint            added,
                     GListModel      *model)
{
  update_state (self);
}

static void
refilter (MmlActivityView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
search_changed_cb (MmlActivityView *self,
                   GtkSearchEntry  *entry)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  guint n = 0;

  g_strfreev (self->words);
  self->words = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; self->words[i] != NULL; i++)
    if (self->words[i][0] != '\0')
      self->words[n++] = self->words[i];
    else
      g_free (self->words[i]);
  self->words[n] = NULL;
  refilter (self);
}

static void
stop_search_cb (MmlActivityView *self,
                GtkSearchEntry  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
kind_changed_cb (MmlActivityView *self,
                 GParamSpec      *pspec,
                 GtkDropDown     *dropdown)
{
  refilter (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MmlActivityView *self = MML_ACTIVITY_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, MML_ACTIVITY_ALL);
}

static void
row_activated_cb (MmlActivityView *self,
                  guint            position,
                  GtkListView     *list)
{
  g_autoptr(MmlActivityItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item != NULL && item->row->series_id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-series", "x", item->row->series_id);
}

/* --- rows -------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "numeric");

  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             MmlActivityView          *self)
{
  MmlActivityItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_last_child (box);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_last_child (texts);
  g_autofree char *when = mml_format_timestamp (item->row->at);
  g_autofree char *line = NULL;
  /* the scheduler's words for a failed job (mml-scheduler.c), in this language too */
  g_autofree char *failure = g_strdup_printf (_("%s failed: %s"), item->row->kind, "");
  gboolean failed = item->row->text != NULL && g_str_has_prefix (item->row->text, failure);

  /* Translators: under an activity entry: its kind, then when ("Scan · Today at 14:02") */
  line = g_strdup_printf (_("%s · %s"), kind_label (item->row->kind), when);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), failed ? "dialog-warning-symbolic" : group_icon (item->group));
  if (failed)
    gtk_widget_add_css_class (icon, "warning");
  else
    gtk_widget_remove_css_class (icon, "warning");
  gtk_label_set_label (GTK_LABEL (title), item->row->text);
  gtk_label_set_label (GTK_LABEL (subtitle), line);
  gtk_list_item_set_activatable (list_item, item->row->series_id > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box) ? gtk_widget_get_parent (box) : box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, item->row->text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, line,
                                  -1);
}

/* --- loading ----------------------------------------------------------------- */

static void
activity_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MmlActivityView) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  rows = mml_scheduler_activity_finish (MML_SCHEDULER (object), result, &error);
  if (rows == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot read the activity log: %s", error->message);
      rows = g_ptr_array_new ();
    }
  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, mml_activity_item_new (g_ptr_array_index (rows, i)));
  /* the rows now belong to the items */
  g_ptr_array_set_free_func (rows, NULL);

  self->loaded = TRUE;
  self->n_loads++;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  update_state (self);
}

static void
load (MmlActivityView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->engine == NULL || !mml_engine_get_ready (self->engine))
    return;

  self->cancellable = g_cancellable_new ();
  mml_scheduler_activity_async (mml_engine_get_scheduler (self->engine), 0, self->cancellable,
                                activity_loaded_cb, g_object_ref (self));
}

static void
activity_changed_cb (MmlActivityView *self,
                     MmlScheduler    *scheduler)
{
  load (self);
}

static void
ready_changed_cb (MmlActivityView *self,
                  GParamSpec      *pspec,
                  gpointer         emitter)
{
  load (self);
}

static void
keep_days_changed_cb (MmlActivityView *self,
                      GParamSpec      *pspec,
                      gpointer         emitter)
{
  update_state (self);
}

static gboolean
mml_activity_view_focus_search (MmlView *view)
{
  return gtk_widget_grab_focus (GTK_WIDGET (MML_ACTIVITY_VIEW (view)->search_entry));
}

static void
mml_activity_view_engine_changed (MmlView *view)
{
  MmlActivityView *self = MML_ACTIVITY_VIEW (view);
  MmlEngine *engine = mml_view_get_engine (view);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_scheduler (self->engine), self);
    }

  self->engine = engine;
  self->loaded = FALSE;
  g_list_store_remove_all (self->items);

  if (engine != NULL)
    {
      g_signal_connect_object (mml_engine_get_scheduler (engine), "activity-changed",
                               G_CALLBACK (activity_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_scheduler (engine), "notify::activity-keep-days",
                               G_CALLBACK (keep_days_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::ready",
                               G_CALLBACK (ready_changed_cb), self, G_CONNECT_SWAPPED);
    }

  load (self);
  update_state (self);
}

static void
mml_activity_view_dispose (GObject *object)
{
  MmlActivityView *self = MML_ACTIVITY_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_ACTIVITY_VIEW);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  g_clear_pointer (&self->words, g_strfreev);

  G_OBJECT_CLASS (mml_activity_view_parent_class)->dispose (object);
}

static void
mml_activity_view_class_init (MmlActivityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_activity_view_dispose;
  view_class->engine_changed = mml_activity_view_engine_changed;
  view_class->focus_search = mml_activity_view_focus_search;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mml-activity-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlActivityView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MmlActivityView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MmlActivityView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MmlActivityView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlActivityView, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlActivityView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "activity.clear-filters", NULL, clear_filters_action);
}

static void
mml_activity_view_init (MmlActivityView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (MML_TYPE_ACTIVITY_ITEM);
  self->filter = gtk_custom_filter_new (item_visible, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (g_object_ref (self->filter)));
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
 * mml_activity_view_get_model:
 *
 * Returns: (transfer none): the lines the list shows, after the filters
 */
GListModel *
mml_activity_view_get_model (MmlActivityView *self)
{
  g_return_val_if_fail (MML_IS_ACTIVITY_VIEW (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

gboolean
mml_activity_view_get_loaded (MmlActivityView *self)
{
  g_return_val_if_fail (MML_IS_ACTIVITY_VIEW (self), FALSE);

  return self->loaded;
}

guint
mml_activity_view_get_n_loads (MmlActivityView *self)
{
  g_return_val_if_fail (MML_IS_ACTIVITY_VIEW (self), 0);

  return self->n_loads;
}

void
mml_activity_view_set_group (MmlActivityView  *self,
                             MmlActivityGroup  group)
{
  g_return_if_fail (MML_IS_ACTIVITY_VIEW (self));

  gtk_drop_down_set_selected (self->kind_dropdown, group);
}

void
mml_activity_view_set_search (MmlActivityView *self,
                              const char      *text)
{
  g_return_if_fail (MML_IS_ACTIVITY_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* the entry waits a moment before it says; the test does not */
  search_changed_cb (self, self->search_entry);
}

char *
mml_activity_view_get_item_text (MmlActivityView *self,
                                 guint            position)
{
  g_autoptr(MmlActivityItem) item = NULL;

  g_return_val_if_fail (MML_IS_ACTIVITY_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item == NULL)
    return NULL;
  return g_strdup_printf ("%s: %s", item->row->kind, item->row->text);
}

const char *
mml_activity_view_get_page (MmlActivityView *self)
{
  g_return_val_if_fail (MML_IS_ACTIVITY_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
