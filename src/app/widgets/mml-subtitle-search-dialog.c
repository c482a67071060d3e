/* mml-subtitle-search-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Find Subtitles" for one video file: searches OpenSubtitles through the
 * subtitles controller in the first preferred language (the header's
 * drop-down picks another of them), and lists the candidates best first:
 * release name, flags as badges, downloads and uploader. Activating one
 * downloads it beside the video. When a subtitle of that name is there
 * already, the dialog asks before replacing it (the old file goes to the
 * trash, undoable). Then it closes, and the view it came from says
 * "Subtitle saved", with Undo.
 *
 * States (a GtkStack): busy (searching or downloading), results, empty
 * (nothing in that language), error (with Retry, and Settings when no
 * API key is known).
 */

#define G_LOG_DOMAIN "mml-subtitles"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-http.h"
#include "mml-language.h"
#include "mml-subtitle-actions.h"
#include "mml-subtitle-search-dialog.h"
#include "mml-subtitles-controller.h"
#include "mml-ui-util.h"

struct _MmlSubtitleSearchDialog
{
  AdwWindow             parent_instance;

  MmlEngine            *engine;
  gint64                file_id;
  GtkWidget            *toast_target;   /* weak */
  GCancellable         *cancellable;    /* the search or download in flight */
  char                **languages;      /* preferred, most first */
  char                 *language;       /* the one searched */
  guint                 n_candidates;
  MmlSubtitleCandidate *chosen;         /* the download asked for */
  gboolean              retry_download; /* Retry downloads again (else searches) */
  AdwMessageDialog     *question;       /* weak */
  char                 *saved_path;
  gint64                saved_batch;
  gboolean              filling;        /* setting the drop-down from code */

  AdwWindowTitle       *window_title;
  GtkDropDown          *language_dropdown;
  GtkStringList        *language_names;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkLabel             *busy_label;
  GtkLabel             *results_label;
  GtkListBox           *results_list;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkButton            *settings_button;
  GtkButton            *retry_button;
};

G_DEFINE_FINAL_TYPE (MmlSubtitleSearchDialog, mml_subtitle_search_dialog, ADW_TYPE_WINDOW)

static void search (MmlSubtitleSearchDialog *self);
static void download (MmlSubtitleSearchDialog *self,
                      gboolean                 replace);

/* --- helpers ------------------------------------------------------------------ */

static const char *
language_name (const char *code)
{
  const char *name = code != NULL ? mml_language_get_display_name (code) : NULL;

  return name != NULL ? name : code;
}

static void
restart (MmlSubtitleSearchDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
show_busy (MmlSubtitleSearchDialog *self,
           const char              *text)
{
  gtk_label_set_label (self->busy_label, text);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "busy");
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown), FALSE);
}

static void
show_state (MmlSubtitleSearchDialog *self,
            const char              *state)
{
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown),
                            self->languages != NULL && g_strv_length (self->languages) > 1);
}

static void
show_error (MmlSubtitleSearchDialog *self,
            const char              *title,
            const GError            *error)
{
  gboolean no_key = g_error_matches (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS) ||
                    g_error_matches (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_AUTH);
  gboolean quota = g_error_matches (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_QUOTA);
  gboolean network = g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT) ||
                     g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_TIMEOUT) ||
                     g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_OFFLINE);

  adw_status_page_set_icon_name (self->error_page,
                                 no_key ? "dialog-password-symbolic"
                                 : quota ? "alarm-symbolic"
                                 : network ? "network-offline-symbolic"
                                 : "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->settings_button), no_key);
  /* a quota error says when to come back: retrying before is pointless */
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), !quota);
  show_state (self, "error");
  if (no_key)
    gtk_widget_grab_focus (GTK_WIDGET (self->settings_button));
  else if (!quota)
    gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
}

/* @kind: "good" (green), "warning" (yellow), or NULL (plain) */
static GtkWidget *
badge_new (const char *text,
           const char *tooltip,
           const char *kind)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (kind == NULL)
    gtk_widget_add_css_class (label, "language-badge");
  else
    {
      gtk_widget_add_css_class (label, "mml-badge");
      gtk_widget_add_css_class (label, g_str_equal (kind, "good") ? "subs-with" : "subs-mixed");
    }
  gtk_widget_add_css_class (label, "caption");
  mml_ui_set_tooltip (label, tooltip);
  return label;
}

static char *
candidate_details (MmlSubtitleCandidate *c)
{
  GString *out = g_string_new (NULL);

  if (c->season >= 0 && c->episode >= 0)
    g_string_append_printf (out, "S%02dE%02d · ", c->season, c->episode);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, c->download_count);

    /* Translators: %s is a number */
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s download", "%s downloads",
                                              (gulong) CLAMP (c->download_count, 0, G_MAXLONG)),
                            count);
  }
  if (c->uploader != NULL && *c->uploader != '\0')
    {
      g_string_append (out, " · ");
      /* Translators: %s is who uploaded a subtitle */
      g_string_append_printf (out, _("by %s"), c->uploader);
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
candidate_row_new (MmlSubtitleCandidate *c)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_autofree char *details = candidate_details (c);
  const char *title = c->release != NULL && *c->release != '\0' ? c->release
                      : c->file_name != NULL && *c->file_name != '\0' ? c->file_name
                      : _("Unnamed subtitle");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  mml_ui_set_tooltip (row, title);

  gtk_widget_set_valign (badges, GTK_ALIGN_CENTER);
  if (c->moviehash_match)
    gtk_box_append (GTK_BOX (badges), badge_new (_("Hash match"), _("Made for this very file"), "good"));
  if (c->from_trusted)
    gtk_box_append (GTK_BOX (badges), badge_new (_("Trusted"), _("From a trusted uploader"), "good"));
  if (c->hearing_impaired)
    gtk_box_append (GTK_BOX (badges), badge_new (_("SDH"), _("For the deaf and hard of hearing"), NULL));
  if (c->foreign_parts_only)
    gtk_box_append (GTK_BOX (badges), badge_new (_("Forced"), _("Only the parts in another language"), NULL));
  if (c->ai_translated)
    gtk_box_append (GTK_BOX (badges), badge_new (_("AI translated"), _("Translated by an AI"), "warning"));
  if (c->machine_translated)
    gtk_box_append (GTK_BOX (badges), badge_new (_("Machine translated"), _("Translated by a machine"), "warning"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badges);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("folder-download-symbolic"));

  g_object_set_data_full (G_OBJECT (row), "mml-candidate", mml_subtitle_candidate_ref (c),
                          (GDestroyNotify) mml_subtitle_candidate_unref);
  return row;
}

static void
clear_results (MmlSubtitleSearchDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  self->n_candidates = 0;
}

/* --- searching -------------------------------------------------------------------- */

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MmlSubtitleSearchDialog) self = user_data;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  candidates = mml_subtitles_controller_search_finish (MML_SUBTITLES_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_results (self);
  if (candidates == NULL)
    {
      self->retry_download = FALSE;
      show_error (self, _("Cannot Search for Subtitles"), error);
      return;
    }
  if (candidates->len == 0)
    {
      /* Translators: %s is a language, "Hebrew" */
      text = g_strdup_printf (_("No Subtitles Found in %s"), language_name (self->language));
      adw_status_page_set_title (self->empty_page, text);
      show_state (self, "empty");
      return;
    }

  for (guint i = 0; i < candidates->len; i++)
    gtk_list_box_append (self->results_list, candidate_row_new (g_ptr_array_index (candidates, i)));
  self->n_candidates = candidates->len;
  /* Translators: %u subtitles, %s a language ("Hebrew") */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u subtitle in %s, best first. Choose one to save it beside the video.",
                                       "%u subtitles in %s, best first. Choose one to save it beside the video.",
                                       candidates->len),
                          candidates->len, language_name (self->language));
  gtk_label_set_label (self->results_label, text);
  show_state (self, "results");
  /* Enter downloads the best one; arrows move through the others */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->results_list, 0)));
}

static void
search (MmlSubtitleSearchDialog *self)
{
  g_autofree char *text = NULL;

  if (self->engine == NULL || self->language == NULL)
    return;

  restart (self);
  /* Translators: %s is a language, "Hebrew" */
  text = g_strdup_printf (_("Searching OpenSubtitles for %s subtitles…"), language_name (self->language));
  show_busy (self, text);
  mml_subtitles_controller_search_async (mml_engine_get_subtitles (self->engine), self->file_id, self->language,
                                         self->cancellable, searched_cb, g_object_ref (self));
}

static void
languages_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MmlSubtitleSearchDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;

  languages = mml_subtitles_controller_get_languages_finish (MML_SUBTITLES_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (languages == NULL)
    {
      show_error (self, _("Cannot Search for Subtitles"), error);
      return;
    }
  if (languages[0] == NULL)
    {
      g_strfreev (languages);
      languages = g_strdupv ((char *[]) { (char *) "en", NULL });
    }

  g_strfreev (self->languages);
  self->languages = g_steal_pointer (&languages);
  self->filling = TRUE;
  for (guint i = 0; self->languages[i] != NULL; i++)
    gtk_string_list_append (self->language_names, language_name (self->languages[i]));
  gtk_drop_down_set_selected (self->language_dropdown, 0);
  self->filling = FALSE;
  g_free (self->language);
  self->language = g_strdup (self->languages[0]);
  search (self);
}

static void
language_selected_cb (MmlSubtitleSearchDialog *self,
                      GParamSpec              *pspec,
                      GtkDropDown             *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->filling || self->languages == NULL || selected >= g_strv_length (self->languages) ||
      g_strcmp0 (self->languages[selected], self->language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (self->languages[selected]);
  search (self);
}

/* --- downloading -------------------------------------------------------------------- */

static void
question_response_cb (MmlSubtitleSearchDialog *self,
                      const char              *response,
                      AdwMessageDialog        *question)
{
  if (g_strcmp0 (response, "replace") == 0)
    download (self, TRUE);
  else
    show_state (self, "results");
}

/* "Replace the existing Hebrew subtitle?" */
static void
ask_replace (MmlSubtitleSearchDialog *self)
{
  g_autofree char *heading = NULL;
  GtkWidget *question;

  /* Translators: %s is a language, "Hebrew" */
  heading = g_strdup_printf (_("Replace the Existing %s Subtitle?"), language_name (self->language));
  question = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                     _("A subtitle of that name is beside the video already. "
                                       "The old file goes to the trash, and Undo brings it back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (question),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (question), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (question), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (question), "cancel");
  g_signal_connect_object (question, "response", G_CALLBACK (question_response_cb), self, G_CONNECT_SWAPPED);
  self->question = ADW_MESSAGE_DIALOG (question);
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &self->question);
  gtk_window_present (GTK_WINDOW (question));
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MmlSubtitleSearchDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 batch = 0;

  if (!mml_subtitles_controller_download_finish (MML_SUBTITLES_CONTROLLER (object), result, &batch, &path, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          ask_replace (self);
          return;
        }
      self->retry_download = TRUE;
      show_error (self, _("Cannot Download the Subtitle"), error);
      return;
    }

  g_free (self->saved_path);
  self->saved_path = g_steal_pointer (&path);
  self->saved_batch = batch;
  if (self->toast_target != NULL)
    mml_subtitle_toast_saved (self->toast_target, self->engine, _("Subtitle saved"), batch);
  gtk_window_close (GTK_WINDOW (self));
}

static void
download (MmlSubtitleSearchDialog *self,
          gboolean                 replace)
{
  if (self->engine == NULL || self->chosen == NULL)
    return;

  restart (self);
  show_busy (self, _("Downloading the subtitle…"));
  mml_subtitles_controller_download_async (mml_engine_get_subtitles (self->engine), self->file_id,
                                           self->chosen, replace, self->cancellable,
                                           downloaded_cb, g_object_ref (self));
}

static void
row_activated_cb (MmlSubtitleSearchDialog *self,
                  GtkListBoxRow           *row,
                  GtkListBox              *list)
{
  MmlSubtitleCandidate *candidate = g_object_get_data (G_OBJECT (row), "mml-candidate");

  if (candidate == NULL)
    return;
  g_clear_pointer (&self->chosen, mml_subtitle_candidate_unref);
  self->chosen = mml_subtitle_candidate_ref (candidate);
  download (self, FALSE);
}

static void
retry_clicked_cb (MmlSubtitleSearchDialog *self,
                  GtkButton               *button)
{
  if (self->retry_download && self->chosen != NULL)
    download (self, FALSE);
  else if (self->languages == NULL && self->engine != NULL)
    {
      restart (self);
      show_busy (self, _("Searching OpenSubtitles…"));
      mml_subtitles_controller_get_languages_async (mml_engine_get_subtitles (self->engine), self->cancellable,
                                                    languages_read_cb, g_object_ref (self));
    }
  else
    search (self);
}

static void
settings_clicked_cb (MmlSubtitleSearchDialog *self,
                     GtkButton               *button)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.view", "s", "settings");
  gtk_window_close (GTK_WINDOW (self));
}

/* --- GObject ------------------------------------------------------------------------ */

static void
mml_subtitle_search_dialog_dispose (GObject *object)
{
  MmlSubtitleSearchDialog *self = MML_SUBTITLE_SEARCH_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);
  if (self->toast_target != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->toast_target), (gpointer *) &self->toast_target);
  self->toast_target = NULL;
  if (self->question != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->question), (gpointer *) &self->question);
  self->question = NULL;
  g_clear_pointer (&self->chosen, mml_subtitle_candidate_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SUBTITLE_SEARCH_DIALOG);

  G_OBJECT_CLASS (mml_subtitle_search_dialog_parent_class)->dispose (object);
}

static void
mml_subtitle_search_dialog_finalize (GObject *object)
{
  MmlSubtitleSearchDialog *self = MML_SUBTITLE_SEARCH_DIALOG (object);

  g_strfreev (self->languages);
  g_free (self->language);
  g_free (self->saved_path);

  G_OBJECT_CLASS (mml_subtitle_search_dialog_parent_class)->finalize (object);
}

static void
mml_subtitle_search_dialog_class_init (MmlSubtitleSearchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_subtitle_search_dialog_dispose;
  object_class->finalize = mml_subtitle_search_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-subtitle-search-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, language_names);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, busy_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, results_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, settings_button);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleSearchDialog, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, settings_clicked_cb);
}

static void
mml_subtitle_search_dialog_init (MmlSubtitleSearchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->language_dropdown, "notify::selected",
                           G_CALLBACK (language_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->results_list, "row-activated",
                           G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
}

/**
 * mml_subtitle_search_dialog_new:
 *
 * Returns: (transfer none): a new dialog (a toplevel: present it), already
 *   searching
 */
MmlSubtitleSearchDialog *
mml_subtitle_search_dialog_new (MmlEngine  *engine,
                                gint64      video_file_id,
                                const char *file_name,
                                GtkWidget  *toast_target)
{
  MmlSubtitleSearchDialog *self;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);

  self = g_object_new (MML_TYPE_SUBTITLE_SEARCH_DIALOG, NULL);
  self->engine = g_object_ref (engine);
  self->file_id = video_file_id;
  adw_window_title_set_subtitle (self->window_title, file_name);
  if (toast_target != NULL)
    {
      self->toast_target = toast_target;
      g_object_add_weak_pointer (G_OBJECT (toast_target), (gpointer *) &self->toast_target);
    }

  restart (self);
  show_busy (self, _("Searching OpenSubtitles…"));
  mml_subtitles_controller_get_languages_async (mml_engine_get_subtitles (engine), self->cancellable,
                                                languages_read_cb, g_object_ref (self));
  return self;
}

const char *
mml_subtitle_search_dialog_get_state (MmlSubtitleSearchDialog *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_SEARCH_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
mml_subtitle_search_dialog_get_n_candidates (MmlSubtitleSearchDialog *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_SEARCH_DIALOG (self), 0);
  return self->n_candidates;
}

/**
 * mml_subtitle_search_dialog_get_row:
 *
 * Returns: (transfer none) (nullable): candidate row @index
 */
GtkWidget *
mml_subtitle_search_dialog_get_row (MmlSubtitleSearchDialog *self,
                                    guint                    index)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_SEARCH_DIALOG (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->results_list, (int) index));
}

const char *
mml_subtitle_search_dialog_get_language (MmlSubtitleSearchDialog *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_SEARCH_DIALOG (self), NULL);
  return self->language;
}

/* Picks @code in the drop-down (one of the preferred languages) */
void
mml_subtitle_search_dialog_set_language (MmlSubtitleSearchDialog *self,
                                         const char              *code)
{
  g_return_if_fail (MML_IS_SUBTITLE_SEARCH_DIALOG (self));

  for (guint i = 0; self->languages != NULL && self->languages[i] != NULL; i++)
    if (g_strcmp0 (self->languages[i], code) == 0)
      gtk_drop_down_set_selected (self->language_dropdown, i);
}

/**
 * mml_subtitle_search_dialog_get_question:
 *
 * Returns: (transfer none) (nullable): the "Replace?" question shown
 */
AdwMessageDialog *
mml_subtitle_search_dialog_get_question (MmlSubtitleSearchDialog *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_SEARCH_DIALOG (self), NULL);
  return self->question;
}

const char *
mml_subtitle_search_dialog_get_saved_path (MmlSubtitleSearchDialog *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_SEARCH_DIALOG (self), NULL);
  return self->saved_path;
}

gint64
mml_subtitle_search_dialog_get_saved_batch (MmlSubtitleSearchDialog *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_SEARCH_DIALOG (self), 0);
  return self->saved_batch;
}
