/* mml-subtitle-languages-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Subtitles group of Settings: the preferred subtitle languages in
 * order, each row with Move up, Move down and Remove, and an Add Language
 * popover that searches the language table (English, translated and
 * native names, codes). The list lives in the library database, read and
 * saved through the subtitles controller, so `mml subtitles languages`
 * sees the same; every change is saved at once. A failed save shows why
 * in the group and puts back the list that is saved. The group follows
 * the controller's "changed", so a change made elsewhere shows here.
 */

#define G_LOG_DOMAIN "mml-subtitle-languages"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mml-language.h"
#include "mml-subtitle-languages-group.h"
#include "mml-subtitles-controller.h"
#include "mml-ui-util.h"

struct _MmlSubtitleLanguagesGroup
{
  AdwPreferencesGroup  parent_instance;

  MmlEngine           *engine;
  GCancellable        *cancellable;   /* the read or save in flight */
  char               **languages;     /* as saved, most preferred first */
  GPtrArray           *rows;          /* the language rows shown */
  gboolean             saving;
  char                *error;         /* the last save's failure */

  GtkMenuButton       *add_button;
  GtkPopover          *add_popover;
  GtkSearchEntry      *search_entry;
  GtkListView         *language_list;
  AdwActionRow        *error_row;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
};

G_DEFINE_FINAL_TYPE (MmlSubtitleLanguagesGroup, mml_subtitle_languages_group, ADW_TYPE_PREFERENCES_GROUP)

static void save (MmlSubtitleLanguagesGroup *self,
                  const char * const        *languages);

/* --- helpers ------------------------------------------------------------------ */

static const char *
display_name (const char *code)
{
  const char *name = mml_language_get_display_name (code);

  return name != NULL ? name : code;
}

/* "he · עברית": the code first, so the line reads left to right whatever
 * script the native name is in */
static char *
language_details (const char *code)
{
  const char *native = mml_language_get_native_name (code);

  if (native != NULL && g_strcmp0 (native, display_name (code)) != 0)
    return g_strdup_printf ("%s · %s", code, native);
  return g_strdup (code);
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  mml_ui_set_tooltip (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return button;
}

/* @languages with the one at @from moved to @to (or dropped, @to < 0) */
static char **
moved (char **languages,
       guint  from,
       int    to)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  guint n = g_strv_length (languages);

  for (guint i = 0; i < n; i++)
    if (i != from)
      g_ptr_array_add (out, languages[i]);
  if (to >= 0)
    g_ptr_array_insert (out, MIN ((guint) to, out->len), languages[from]);
  g_ptr_array_add (out, NULL);

  return g_strdupv ((char **) out->pdata);
}

/* --- the rows ------------------------------------------------------------------ */

static void
row_button_clicked_cb (GtkButton                 *button,
                       MmlSubtitleLanguagesGroup *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "mml-index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "mml-delta"));
  g_auto(GStrv) languages = NULL;

  if (self->languages == NULL || index >= g_strv_length (self->languages))
    return;

  /* delta 0: remove */
  languages = moved (self->languages, index, delta == 0 ? -1 : (int) index + delta);
  save (self, (const char * const *) languages);
}

static GtkWidget *
button_for (MmlSubtitleLanguagesGroup *self,
            const char                *icon_name,
            const char                *label,
            guint                      index,
            int                        delta,
            gboolean                   sensitive)
{
  GtkWidget *button = icon_button_new (icon_name, label);

  g_object_set_data (G_OBJECT (button), "mml-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "mml-delta", GINT_TO_POINTER (delta));
  gtk_widget_set_sensitive (button, sensitive && !self->saving);
  g_signal_connect_object (button, "clicked", G_CALLBACK (row_button_clicked_cb), self, 0);

  return button;
}

static void
rebuild (MmlSubtitleLanguagesGroup *self)
{
  guint n = self->languages ? g_strv_length (self->languages) : 0;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < n; i++)
    {
      const char *code = self->languages[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *details = language_details (code);
      g_autofree char *subtitle = NULL;
      g_autofree char *up = NULL;
      g_autofree char *down = NULL;
      g_autofree char *remove = NULL;

      /* Translators: the first preferred language, "he · עברית — decides the status" */
      subtitle = i == 0 ? g_strdup_printf (_("%s — decides the subtitle status"), details)
                        : g_steal_pointer (&details);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display_name (code));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      {
        g_autofree char *position = g_strdup_printf ("%u", i + 1);
        GtkWidget *label = gtk_label_new (position);

        gtk_widget_add_css_class (label, "dim-label");
        gtk_widget_add_css_class (label, "numeric");
        gtk_label_set_width_chars (GTK_LABEL (label), 2);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
      }

      /* Translators: a button's label for screen readers, %s is a language */
      up = g_strdup_printf (_("Move %s up"), display_name (code));
      down = g_strdup_printf (_("Move %s down"), display_name (code));
      remove = g_strdup_printf (_("Remove %s"), display_name (code));
      {
        GtkWidget *buttons[] = {
          button_for (self, "go-up-symbolic", up, i, -1, i > 0),
          button_for (self, "go-down-symbolic", down, i, +1, i + 1 < n),
          button_for (self, "user-trash-symbolic", remove, i, 0, TRUE),
        };

        g_object_set_data (G_OBJECT (row), "mml-up", buttons[0]);
        g_object_set_data (G_OBJECT (row), "mml-down", buttons[1]);
        g_object_set_data (G_OBJECT (row), "mml-remove", buttons[2]);
        for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons[b]);
      }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            self->engine != NULL && !self->saving && n < MML_SUBTITLE_MAX_LANGUAGES);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), self->error != NULL);
  adw_action_row_set_subtitle (self->error_row, self->error ? self->error : "");
  /* the picker leaves out the languages in the list */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
set_languages (MmlSubtitleLanguagesGroup *self,
               char                     **languages)
{
  g_strfreev (self->languages);
  self->languages = languages;
  rebuild (self);
}

/* --- reading and saving ---------------------------------------------------------- */

static void
languages_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MmlSubtitleLanguagesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  char **languages;

  languages = mml_subtitles_controller_get_languages_finish (MML_SUBTITLES_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (languages == NULL)
    {
      g_warning ("Cannot read the subtitle languages: %s", error->message);
      return;
    }
  set_languages (self, languages);
}

static void
load (MmlSubtitleLanguagesGroup *self)
{
  if (self->engine == NULL || self->saving)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mml_subtitles_controller_get_languages_async (mml_engine_get_subtitles (self->engine), self->cancellable,
                                                languages_read_cb, g_object_ref (self));
}

static void
languages_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MmlSubtitleLanguagesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  char **languages;

  languages = mml_subtitles_controller_set_languages_finish (MML_SUBTITLES_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  self->saving = FALSE;
  g_clear_pointer (&self->error, g_free);

  if (languages == NULL)
    {
      /* what is saved stays: show it again, and why the change was not */
      self->error = g_strdup (error->message);
      rebuild (self);
      load (self);
      return;
    }
  set_languages (self, languages);
}

static void
save (MmlSubtitleLanguagesGroup *self,
      const char * const        *languages)
{
  if (self->engine == NULL || self->saving)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->saving = TRUE;
  rebuild (self);   /* buttons off while saving */
  mml_subtitles_controller_set_languages_async (mml_engine_get_subtitles (self->engine), languages,
                                                self->cancellable, languages_saved_cb, g_object_ref (self));
}

static void
subtitles_changed_cb (MmlSubtitleLanguagesGroup *self)
{
  /* our own save reads the list back itself */
  if (!self->saving)
    load (self);
}

/* --- the picker --------------------------------------------------------------------- */

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
language_filter_func (gpointer object,
                      gpointer user_data)
{
  MmlSubtitleLanguagesGroup *self = user_data;
  const char *code = gtk_string_object_get_string (object);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;

  if (self->languages != NULL && g_strv_contains ((const char * const *) self->languages, code))
    return FALSE;
  if (search == NULL || *search == '\0')
    return TRUE;

  needle = g_utf8_casefold (search, -1);
  return contains_folded (code, needle) ||
         contains_folded (mml_language_get_name (code), needle) ||
         contains_folded (mml_language_get_display_name (code), needle) ||
         contains_folded (mml_language_get_native_name (code), needle);
}

static void
search_changed_cb (MmlSubtitleLanguagesGroup *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  const char *code = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_autofree char *details = language_details (code);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), display_name (code));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), details);
}

static void
language_activated_cb (MmlSubtitleLanguagesGroup *self,
                       guint                      position,
                       GtkListView               *view)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (item == NULL)
    return;
  gtk_popover_popdown (self->add_popover);
  mml_subtitle_languages_group_add (self, gtk_string_object_get_string (item));
}

static void
popover_closed_cb (MmlSubtitleLanguagesGroup *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* --- GObject -------------------------------------------------------------------------- */

static void
mml_subtitle_languages_group_dispose (GObject *object)
{
  MmlSubtitleLanguagesGroup *self = MML_SUBTITLE_LANGUAGES_GROUP (object);

  mml_subtitle_languages_group_set_engine (self, NULL);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SUBTITLE_LANGUAGES_GROUP);
  g_clear_object (&self->filter);
  g_clear_object (&self->filter_model);

  G_OBJECT_CLASS (mml_subtitle_languages_group_parent_class)->dispose (object);
}

static void
mml_subtitle_languages_group_finalize (GObject *object)
{
  MmlSubtitleLanguagesGroup *self = MML_SUBTITLE_LANGUAGES_GROUP (object);

  g_strfreev (self->languages);
  g_free (self->error);

  G_OBJECT_CLASS (mml_subtitle_languages_group_parent_class)->finalize (object);
}

static void
mml_subtitle_languages_group_class_init (MmlSubtitleLanguagesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_subtitle_languages_group_dispose;
  object_class->finalize = mml_subtitle_languages_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-subtitle-languages-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleLanguagesGroup, add_button);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleLanguagesGroup, add_popover);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleLanguagesGroup, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleLanguagesGroup, language_list);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleLanguagesGroup, error_row);
}

static void
mml_subtitle_languages_group_init (MmlSubtitleLanguagesGroup *self)
{
  g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();

  for (guint i = 0; i < mml_language_get_count (); i++)
    gtk_string_list_append (codes, mml_language_get_nth (i));
  self->filter = gtk_custom_filter_new (language_filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (codes)),
                                                  GTK_FILTER (g_object_ref (self->filter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), NULL);
  gtk_list_view_set_factory (self->language_list, factory);
  gtk_list_view_set_model (self->language_list, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect_object (self->language_list, "activate",
                           G_CALLBACK (language_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_popover, "closed",
                           G_CALLBACK (popover_closed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

/* --- public ------------------------------------------------------------------------------ */

/**
 * mml_subtitle_languages_group_set_engine:
 * @engine: (nullable): the engine whose subtitles controller keeps the list
 */
void
mml_subtitle_languages_group_set_engine (MmlSubtitleLanguagesGroup *self,
                                         MmlEngine                 *engine)
{
  g_return_if_fail (MML_IS_SUBTITLE_LANGUAGES_GROUP (self));
  g_return_if_fail (engine == NULL || MML_IS_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->saving = FALSE;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (mml_engine_get_subtitles (self->engine), self);

  g_set_object (&self->engine, engine);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->languages, g_strfreev);

  if (engine != NULL)
    {
      g_signal_connect_object (mml_engine_get_subtitles (engine), "changed",
                               G_CALLBACK (subtitles_changed_cb), self, G_CONNECT_SWAPPED);
      load (self);
    }
  if (self->rows != NULL)
    rebuild (self);
}

/**
 * mml_subtitle_languages_group_add:
 * @code: a language word (a code, or a name)
 *
 * Adds @code at the end of the list and saves it, as the picker does.
 */
void
mml_subtitle_languages_group_add (MmlSubtitleLanguagesGroup *self,
                                  const char                *code)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) languages = NULL;

  g_return_if_fail (MML_IS_SUBTITLE_LANGUAGES_GROUP (self));
  g_return_if_fail (code != NULL);

  if (self->languages != NULL)
    g_strv_builder_addv (builder, (const char **) self->languages);
  g_strv_builder_add (builder, code);
  languages = g_strv_builder_end (builder);
  save (self, (const char * const *) languages);
}

/**
 * mml_subtitle_languages_group_set_languages:
 *
 * Saves @languages as the list, as moving and removing rows do.
 */
void
mml_subtitle_languages_group_set_languages (MmlSubtitleLanguagesGroup *self,
                                            const char * const        *languages)
{
  g_return_if_fail (MML_IS_SUBTITLE_LANGUAGES_GROUP (self));

  save (self, languages);
}

/**
 * mml_subtitle_languages_group_get_languages:
 *
 * Returns: (transfer none) (nullable): the list shown, as saved
 */
const char * const *
mml_subtitle_languages_group_get_languages (MmlSubtitleLanguagesGroup *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_LANGUAGES_GROUP (self), NULL);
  return (const char * const *) self->languages;
}

/**
 * mml_subtitle_languages_group_get_busy:
 *
 * Returns: whether the list is being read or saved
 */
gboolean
mml_subtitle_languages_group_get_busy (MmlSubtitleLanguagesGroup *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_LANGUAGES_GROUP (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * mml_subtitle_languages_group_get_error:
 *
 * Returns: (nullable): why the last save failed, as the group shows it
 */
const char *
mml_subtitle_languages_group_get_error (MmlSubtitleLanguagesGroup *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_LANGUAGES_GROUP (self), NULL);
  return self->error;
}

/**
 * mml_subtitle_languages_group_get_row_button:
 * @index: a row
 * @which: 0 Move up, 1 Move down, 2 Remove
 *
 * Returns: (transfer none) (nullable): that button, for tests
 */
GtkButton *
mml_subtitle_languages_group_get_row_button (MmlSubtitleLanguagesGroup *self,
                                             guint                      index,
                                             guint                      which)
{
  static const char * const keys[] = { "mml-up", "mml-down", "mml-remove" };

  g_return_val_if_fail (MML_IS_SUBTITLE_LANGUAGES_GROUP (self), NULL);
  g_return_val_if_fail (which < G_N_ELEMENTS (keys), NULL);

  if (index >= self->rows->len)
    return NULL;
  return g_object_get_data (g_ptr_array_index (self->rows, index), keys[which]);
}
