/* mml-conflicts-view-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Conflicts view's pages for the media-server sync: watch conflicts
 * (an episode marked watched on one side and unwatched on the other since
 * the last sync, with Keep Mine and Keep Server's) and a server's series
 * the library could not place (with Choose Series…). Both are read from
 * the sync controller in one go, again whenever it says the marks changed.
 */

#define G_LOG_DOMAIN "mml-conflicts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-conflicts-view-private.h"
#include "mml-sync-controller.h"
#include "widgets/mml-assign-dialog.h"

/* --- watch conflicts ----------------------------------------------------------- */

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
    mml_conflicts_view_reload_watch (MML_CONFLICTS_VIEW (view));
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

static void
preferred_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  GtkWidget *view = gtk_widget_get_ancestor (row, MML_TYPE_CONFLICTS_VIEW);
  g_autoptr(GError) error = NULL;

  if (!mml_sync_controller_prefer_finish (MML_SYNC_CONTROLLER (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_sensitive (row, TRUE);
    }
  if (view != NULL)
    mml_conflicts_view_reload_watch (MML_CONFLICTS_VIEW (view));
}

/* "Always …": this series settles every watch conflict to one side, the
 * open ones now (the engine resolves them) */
static void
always_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  MmlConflictsView *self = user_data;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  gint64 series_id;
  gboolean keep_local = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "keep-local"));

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (self->engine == NULL || row == NULL)
    return;
  series_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "series-id"));
  gtk_widget_set_sensitive (row, FALSE);
  mml_sync_controller_prefer_async (mml_engine_get_sync (self->engine), series_id,
                                    keep_local ? MML_WATCH_PREFER_LOCAL : MML_WATCH_PREFER_SERVER,
                                    self->cancellable, preferred_cb, g_object_ref (row));
}

static GtkWidget *
create_always_menu (MmlConflictsView *self)
{
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  const char *labels[] = { N_("Always Keep Mine for This Series"), N_("Always Keep the Server's for This Series") };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(labels[i]));

      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_object_set_data (G_OBJECT (button), "keep-local", GINT_TO_POINTER (i == 0));
      g_signal_connect (button, "clicked", G_CALLBACK (always_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_widget_add_css_class (menu, "flat");
  gtk_widget_set_tooltip_text (menu, _("Keep one side in every watch conflict of this series"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("More choices for this series"), -1);
  return menu;
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
  g_object_set_data (G_OBJECT (row), "series-id", GSIZE_TO_POINTER ((gsize) c->series_id));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(labels[i]));

      gtk_widget_set_tooltip_text (button, _(tips[i]));
      g_object_set_data (G_OBJECT (button), "keep-local", GINT_TO_POINTER (i == 0));
      g_signal_connect (button, "clicked", G_CALLBACK (keep_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  if (c->series_id > 0)
    gtk_box_append (GTK_BOX (box), create_always_menu (self));
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
  mml_conflicts_view_reload_watch (self);
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

  list = mml_sync_controller_list_conflicts_finish (MML_SYNC_CONTROLLER (source), result, &error);
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the watch conflicts: %s", error->message);
      return;
    }
  mml_conflicts_view_clear_watch (self);
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

      mml_conflicts_section_set_title (self->server_section, title);
    }
  if (self->n_watch > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Episode Watched on One Side Only",
                                                             "%u Episodes Watched on One Side Only", self->n_watch),
                                                self->n_watch);

      mml_conflicts_section_set_title (self->watch_section, title);
    }
  mml_conflicts_view_update (self);
}

void
mml_conflicts_view_reload_watch (MmlConflictsView *self)
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


/* No rows (for another engine, or none yet) */
void
mml_conflicts_view_clear_watch (MmlConflictsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->watch_list))) != NULL)
    gtk_list_box_remove (self->watch_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->server_list))) != NULL)
    gtk_list_box_remove (self->server_list, child);
  self->n_watch = self->n_server = 0;
}
