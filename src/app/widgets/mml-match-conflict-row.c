/* mml-match-conflict-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A series folder the matcher could not name with certainty, as an expander
 * row: the folder, what was searched and why it is not sure in the header
 * (with Ignore), and when expanded the candidates (each with Confirm), an
 * entry for the provider's id, and an entry to search again with other
 * words, whose results are listed like the candidates.
 *
 * The expanded part is built on first expansion, so that hundreds of
 * conflicts cost one row each until the user opens one. The rows after the
 * two entries (search results, errors with Retry) are rebuilt as their
 * state changes; the entries stay, and so does what the user typed.
 */

#define G_LOG_DOMAIN "mml-match-conflict-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-candidate-row.h"
#include "mml-poster-cache.h"
#include "mml-poster-image.h"
#include "mml-format.h"
#include "mml-match-conflict-row.h"
#include "mml-view.h"
#include "mml-ui-util.h"

#define MAX_RESULTS 8

struct _MmlMatchConflictRow
{
  AdwExpanderRow        parent_instance;

  MmlEngine    *engine;
  MmlMatchConflictItem *item;

  GtkWidget            *ignore_button;
  GtkWidget            *spinner;
  AdwEntryRow          *id_row;
  AdwEntryRow          *search_row;
  GPtrArray            *candidate_rows;      /* a row per stored candidate */
  GPtrArray            *result_rows;         /* a row per search result */
  GPtrArray            *dynamic_rows;        /* rows after the entries */

  GCancellable         *cancellable;         /* the search or choice in flight */
  GCancellable         *find_cancellable;    /* the look for candidates in the library */
  GPtrArray            *results;             /* (element-type MmlMetaCandidate), NULL: no search */
  char                 *searched;            /* the words of the last search */
  char                 *error;               /* what failed, in words */
  gint64                retry_id;            /* > 0: Retry chooses this id; 0: Retry searches */
  gboolean              populated;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (MmlMatchConflictRow, mml_match_conflict_row, ADW_TYPE_EXPANDER_ROW)

static void update_dynamic_rows (MmlMatchConflictRow *self);
static void choose (MmlMatchConflictRow *self, gint64 provider_id, const char *title);
static void search (MmlMatchConflictRow *self);
static void mark_in_library (MmlMatchConflictRow *self);

/* --- helpers ----------------------------------------------------------------- */

static MmlMetaProvider
current_provider (MmlMatchConflictRow *self)
{
  return mml_metadata_controller_get_provider (mml_engine_get_metadata (self->engine));
}

static void
add_toast (MmlMatchConflictRow *self,
           AdwToast            *toast)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), MML_TYPE_VIEW);

  if (view != NULL)
    mml_view_add_toast (MML_VIEW (view), toast);
  else
    g_object_unref (toast);
}

static char *
folder_title (const MmlMatchConflict *conflict)
{
  if (conflict->folder != NULL)
    return g_filename_display_basename (conflict->folder);
  return g_strdup (conflict->title);
}

static void
set_confirm_sensitive (GtkWidget *row,
                       gboolean   sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (mml_candidate_row_get_confirm_button (row)),
                            sensitive && mml_candidate_row_get_can_confirm (row));
}

static void
set_busy (MmlMatchConflictRow *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_sensitive (self->ignore_button, !busy);
  for (guint i = 0; i < self->candidate_rows->len; i++)
    set_confirm_sensitive (g_ptr_array_index (self->candidate_rows, i), !busy);
  for (guint i = 0; i < self->result_rows->len; i++)
    set_confirm_sensitive (g_ptr_array_index (self->result_rows, i), !busy);
  if (self->id_row != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->id_row), !busy);
}

static void
restart (MmlMatchConflictRow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* --- candidate rows ---------------------------------------------------------- */

static void
confirm_clicked_cb (MmlMatchConflictRow *self,
                    GtkButton           *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);

  choose (self, mml_candidate_row_get_provider_id (row), mml_candidate_row_get_title (row));
}

static GtkWidget *
candidate_row_new (MmlMatchConflictRow    *self,
                   const MmlCandidateInfo *info,
                   GPtrArray              *rows)
{
  GtkWidget *row = mml_candidate_row_new (info, current_provider (self));

  g_signal_connect_object (mml_candidate_row_get_confirm_button (row), "clicked",
                           G_CALLBACK (confirm_clicked_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (rows, row);
  return row;
}

/* --- shows the library has already --------------------------------------------- */

#define CHECKED_KEY "mml-library-checked"

static void
add_rows_to_check (GPtrArray *rows,
                   GPtrArray *into)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (g_object_get_data (G_OBJECT (row), CHECKED_KEY) == NULL && mml_candidate_row_get_provider_id (row) > 0)
        {
          g_object_set_data (G_OBJECT (row), CHECKED_KEY, GINT_TO_POINTER (TRUE));
          g_ptr_array_add (into, g_object_ref (row));
        }
    }
}

typedef struct
{
  MmlMatchConflictRow *self;
  GPtrArray           *rows;   /* (element-type GtkWidget) (owned) */
} FindData;

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FindData *data = user_data;
  g_autoptr(MmlMatchConflictRow) self = data->self;
  g_autoptr(GPtrArray) rows = data->rows;
  g_autoptr(GPtrArray) matched = NULL;
  g_autoptr(GError) error = NULL;
  gint64 own = 0;

  g_free (data);
  matched = mml_metadata_controller_find_matched_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (matched == NULL || self->engine == NULL)
    {
      /* only a hint is lost */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && error != NULL)
        g_warning ("Cannot look for these shows in the library: %s", error->message);
      return;
    }
  own = mml_match_conflict_item_get_series_id (self->item);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      gint64 id = mml_candidate_row_get_provider_id (row);

      for (guint j = 0; j < matched->len; j++)
        {
          MmlSeriesItem *series = g_ptr_array_index (matched, j);

          /* the folder's own match is not "another copy" */
          if (mml_series_item_get_id (series) != own &&
              mml_series_item_get_provider_id (series, current_provider (self)) == id)
            {
              g_autofree char *where = mml_format_series_location (series);

              mml_candidate_row_set_in_library (row, where);
              break;
            }
        }
    }
}

/* Marks the candidates and results the library has already, matched to
 * another folder: choosing one makes a second copy of that show */
static void
mark_in_library (MmlMatchConflictRow *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  FindData *data;

  if (self->engine == NULL)
    return;
  add_rows_to_check (self->candidate_rows, rows);
  add_rows_to_check (self->result_rows, rows);
  if (rows->len == 0)
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = mml_candidate_row_get_provider_id (g_ptr_array_index (rows, i));

      g_array_append_val (ids, id);
    }
  if (self->find_cancellable == NULL)
    self->find_cancellable = g_cancellable_new ();
  data = g_new0 (FindData, 1);
  data->self = g_object_ref (self);
  data->rows = g_steal_pointer (&rows);
  mml_metadata_controller_find_matched_async (mml_engine_get_metadata (self->engine), (const gint64 *) ids->data,
                                              ids->len, self->find_cancellable, found_cb, data);
}

/* --- the rows after the entries ---------------------------------------------- */

static void
retry_clicked_cb (MmlMatchConflictRow *self,
                  GtkButton           *button)
{
  if (self->retry_id > 0)
    choose (self, self->retry_id, NULL);
  else
    search (self);
}

static void
add_dynamic_row (MmlMatchConflictRow *self,
                 GtkWidget           *row)
{
  g_ptr_array_add (self->dynamic_rows, row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
}

static void
update_dynamic_rows (MmlMatchConflictRow *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->dynamic_rows, i));
  g_ptr_array_set_size (self->dynamic_rows, 0);
  g_ptr_array_set_size (self->result_rows, 0);

  if (!self->populated)
    return;

  if (self->results != NULL)
    {
      for (guint i = 0; i < MIN (self->results->len, MAX_RESULTS); i++)
        {
          MmlMetaCandidate *result = g_ptr_array_index (self->results, i);
          MmlMetaSeries *s = result->series;
          g_autofree char *reasons = mml_join_reasons (result->reasons);
          MmlCandidateInfo c = {
            .provider = mml_meta_provider_to_string (s->provider), .id = s->provider_id,
            .title = s->title, .year = s->year, .network = s->network, .country = s->country,
            .overview = s->overview, .score = result->score,
          };

          c.reasons = reasons;
          c.poster = s->image_medium != NULL ? s->image_medium : s->image_original;
          c.cache = mml_poster_cache_get_for_engine (self->engine);
          add_dynamic_row (self, candidate_row_new (self, &c, self->result_rows));
        }
      if (self->results->len == 0)
        {
          g_autofree char *title = NULL;

          /* Translators: %s is what the user searched for */
          title = g_strdup_printf (_("Nothing found for “%s”"), self->searched);
          add_dynamic_row (self, mml_note_row_new (title, _("Try other words, or enter the id"),
                                                   "edit-find-symbolic"));
        }
    }

  if (self->error != NULL)
    {
      GtkWidget *row = mml_note_row_new (self->error, NULL, "dialog-error-symbolic");
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Retry"));

      gtk_widget_add_css_class (row, "error");
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_object (button, "clicked", G_CALLBACK (retry_clicked_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      add_dynamic_row (self, row);
    }

  set_busy (self, self->busy);
  mark_in_library (self);
}

/* --- choose ------------------------------------------------------------------ */

/* --- undo: the conflict open again ----------------------------------------------- */

typedef struct
{
  MmlEngine *engine;
  gint64     series_id;
} UndoData;

static void
undo_data_free (gpointer data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_object_unref (undo->engine);
  g_free (undo);
}

static void
undo_cb (AdwToast *toast,
         UndoData *undo)
{
  /* the match forgotten and the conflict open again, its candidates as
   * they were: no search again */
  mml_metadata_controller_update_async (mml_engine_get_metadata (undo->engine), undo->series_id,
                                        MML_META_UPDATE_REOPEN, NULL, NULL, NULL);
}

/* A toast saying @text, with an Undo that opens this conflict again */
static AdwToast *
undo_toast_new (MmlMatchConflictRow *self,
                const char          *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);
  UndoData *undo = g_new0 (UndoData, 1);

  adw_toast_set_button_label (toast, _("_Undo"));
  undo->engine = g_object_ref (self->engine);
  undo->series_id = mml_match_conflict_item_get_series_id (self->item);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_cb), undo, undo_data_free, 0);
  return toast;
}

typedef struct
{
  MmlMatchConflictRow *self;
  char                *folder;
  char                *title;
} ChooseData;

static void
chosen_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ChooseData *data = user_data;
  g_autoptr(MmlMatchConflictRow) self = data->self;
  g_autofree char *folder = data->folder;
  g_autofree char *title = data->title;
  g_autoptr(GError) error = NULL;

  g_free (data);
  if (!mml_metadata_controller_choose_finish (MML_METADATA_CONTROLLER (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->busy = FALSE;
      g_free (self->error);
      /* Translators: %s says why */
      self->error = g_strdup_printf (_("Could not confirm: %s"), error->message);
      update_dynamic_rows (self);
      return;
    }

  /* The engine reloads; this row goes with the conflict */
  self->busy = FALSE;
  set_busy (self, FALSE);
  if (self->engine != NULL)
    {
      g_autofree char *text = NULL;

      if (title != NULL)
        /* Translators: a folder, then the show it is now matched with */
        text = g_strdup_printf (_("“%s” matched with %s"), folder, title);
      else
        /* Translators: %s is a folder */
        text = g_strdup_printf (_("“%s” is matched"), folder);
      add_toast (self, undo_toast_new (self, text));
    }
}

static void
choose (MmlMatchConflictRow *self,
        gint64               provider_id,
        const char          *title)
{
  ChooseData *data;

  if (provider_id <= 0 || self->engine == NULL)
    return;

  restart (self);
  g_clear_pointer (&self->error, g_free);
  self->retry_id = provider_id;
  self->busy = TRUE;
  update_dynamic_rows (self);

  data = g_new0 (ChooseData, 1);
  data->self = g_object_ref (self);
  data->folder = folder_title (mml_match_conflict_item_get_conflict (self->item));
  data->title = g_strdup (title);
  mml_metadata_controller_choose_async (mml_engine_get_metadata (self->engine), mml_match_conflict_item_get_series_id (self->item),
                                    provider_id, self->cancellable, chosen_cb, data);
}

static void
id_activated_cb (MmlMatchConflictRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_row))));
  guint64 id = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_free (self->error);
      /* Translators: %s is a provider, TVmaze */
      self->error = g_strdup_printf (_("An id is a number, as in the address of the show’s page on %s"),
                                     mml_meta_provider_display_name (current_provider (self)));
      self->retry_id = 0;
      update_dynamic_rows (self);
      return;
    }
  choose (self, (gint64) id, NULL);
}

/* --- search ------------------------------------------------------------------ */

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MmlMatchConflictRow) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = mml_metadata_controller_search_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  g_clear_pointer (&self->results, g_ptr_array_unref);
  if (results == NULL)
    {
      g_free (self->error);
      /* Translators: %s says why */
      self->error = g_strdup_printf (_("Could not search: %s"), error->message);
      self->retry_id = 0;
    }
  else
    self->results = g_steal_pointer (&results);
  update_dynamic_rows (self);
}

static void
search (MmlMatchConflictRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_row))));

  if (text[0] == '\0' || self->engine == NULL)
    return;

  restart (self);
  g_free (self->searched);
  self->searched = g_steal_pointer (&text);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->retry_id = 0;
  self->busy = TRUE;
  update_dynamic_rows (self);

  mml_metadata_controller_search_async (mml_engine_get_metadata (self->engine), self->searched, 0,
                                        self->cancellable, searched_cb, g_object_ref (self));
}

/* --- ignore ------------------------------------------------------------------ */

static void
ignore_clicked_cb (MmlMatchConflictRow *self,
                   GtkButton           *button)
{
  g_autofree char *folder = folder_title (mml_match_conflict_item_get_conflict (self->item));
  g_autofree char *text = NULL;

  if (self->engine == NULL)
    return;

  restart (self);
  mml_metadata_controller_ignore_series (mml_engine_get_metadata (self->engine), mml_match_conflict_item_get_series_id (self->item));
  self->busy = TRUE;
  set_busy (self, TRUE);

  /* Translators: %s is a folder */
  text = g_strdup_printf (_("“%s” will not be matched"), folder);
  add_toast (self, undo_toast_new (self, text));
}

/* --- the expanded part --------------------------------------------------------- */

static AdwEntryRow *
entry_row_new (MmlMatchConflictRow *self,
               const char          *title,
               const char          *button_label,
               const char          *icon_name,
               GCallback            activated)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (icon_name != NULL)
    {
      button = gtk_button_new_from_icon_name (icon_name);
      mml_ui_set_tooltip (button, button_label);
    }
  else
    button = gtk_button_new_with_label (button_label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_label, -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  g_signal_connect_object (row, "entry-activated", activated, self, G_CONNECT_SWAPPED);
  g_signal_connect_object (button, "clicked", activated, self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  return ADW_ENTRY_ROW (row);
}

static void
populate (MmlMatchConflictRow *self)
{
  const MmlMatchConflict *conflict = mml_match_conflict_item_get_conflict (self->item);
  const char *provider_name = mml_meta_provider_display_name (current_provider (self));
  g_autofree char *id_title = NULL;

  if (self->populated)
    return;
  self->populated = TRUE;

  for (guint i = 0; i < conflict->candidates->len; i++)
    {
      const MmlCandidateRow *cand = g_ptr_array_index (conflict->candidates, i);
      MmlCandidateInfo c = {
        .provider = cand->provider, .id = cand->id, .title = cand->title, .year = cand->year,
        .network = cand->network, .country = cand->country, .overview = cand->overview,
        .score = cand->score, .reasons = cand->reasons, .evidence = cand->evidence,
        .poster = cand->poster_url, .cache = mml_poster_cache_get_for_engine (self->engine),
      };

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), candidate_row_new (self, &c, self->candidate_rows));
    }
  if (conflict->candidates->len == 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (self),
                              mml_note_row_new (_("No show came close"),
                                                _("Search again with other words, or enter the show’s id"),
                                                "edit-find-symbolic"));

  /* Translators: %s is a provider: "Or enter its TVmaze id" */
  id_title = g_strdup_printf (_("Or enter its %s id"), provider_name);
  self->id_row = entry_row_new (self, id_title, _("Confirm"), NULL, G_CALLBACK (id_activated_cb));
  adw_entry_row_set_input_purpose (self->id_row, GTK_INPUT_PURPOSE_DIGITS);
  self->search_row = entry_row_new (self, _("Or search again with other words"), _("Search"),
                                    "system-search-symbolic", G_CALLBACK (search));
  if (conflict->title != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->search_row), conflict->title);

  update_dynamic_rows (self);
}

static void
expanded_cb (MmlMatchConflictRow *self)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    populate (self);
}

/* --- GObject ----------------------------------------------------------------- */

static void
mml_match_conflict_row_dispose (GObject *object)
{
  MmlMatchConflictRow *self = MML_MATCH_CONFLICT_ROW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->find_cancellable != NULL)
    g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_object (&self->engine);
  g_clear_object (&self->item);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  G_OBJECT_CLASS (mml_match_conflict_row_parent_class)->dispose (object);
}

static void
mml_match_conflict_row_finalize (GObject *object)
{
  MmlMatchConflictRow *self = MML_MATCH_CONFLICT_ROW (object);

  g_ptr_array_unref (self->candidate_rows);
  g_ptr_array_unref (self->result_rows);
  g_ptr_array_unref (self->dynamic_rows);
  g_free (self->searched);
  g_free (self->error);

  G_OBJECT_CLASS (mml_match_conflict_row_parent_class)->finalize (object);
}

static void
mml_match_conflict_row_class_init (MmlMatchConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_match_conflict_row_dispose;
  object_class->finalize = mml_match_conflict_row_finalize;
}

static void
mml_match_conflict_row_init (MmlMatchConflictRow *self)
{
  self->candidate_rows = g_ptr_array_new ();
  self->result_rows = g_ptr_array_new ();
  self->dynamic_rows = g_ptr_array_new ();
}

/* "Several shows match — searched for “The Flash” (2014)\n~/TV/The Flash (2014)" */
static char *
describe (MmlMatchConflictItem *item)
{
  const MmlMatchConflict *conflict = mml_match_conflict_item_get_conflict (item);
  g_autofree char *path = mml_match_conflict_item_dup_path (item);
  g_autofree char *path_display = path ? mml_format_path (path) : NULL;
  g_autofree char *searched = mml_title_with_year (conflict->title ? conflict->title : "", conflict->year);
  const char *decision;

  switch (mml_match_conflict_item_get_decision (item))
    {
    case MML_MATCH_MULTIPLE:
      decision = _("Several shows match");
      break;
    case MML_MATCH_NONE:
      decision = _("No match found");
      break;
    case MML_MATCH_AMBIGUOUS:
    case MML_MATCH_ACCEPTED:
    default:
      decision = _("Not sure");
      break;
    }

  /* Translators: why a folder needs a decision, what was searched, then the folder:
   * "Several shows match — searched for “The Flash (2014)”\n~/TV/The Flash (2014)" */
  return g_strdup_printf (_("%s — searched for “%s”\n%s"), decision, searched,
                          path_display ? path_display : "");
}

/**
 * mml_match_conflict_row_new:
 * @engine: the engine (choices and searches go through it)
 * @item: the conflict
 *
 * Returns: (transfer floating): a row for a #GtkListBox
 */
GtkWidget *
mml_match_conflict_row_new (MmlEngine    *engine,
                            MmlMatchConflictItem *item)
{
  MmlMatchConflictRow *self;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *ignore_label = NULL;
  GtkWidget *poster;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ITEM (item), NULL);

  self = g_object_new (MML_TYPE_MATCH_CONFLICT_ROW, NULL);
  self->engine = g_object_ref (engine);
  self->item = g_object_ref (item);

  title = folder_title (mml_match_conflict_item_get_conflict (item));
  subtitle = describe (item);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  /* where a review row has the show's poster: a placeholder, as no show
   * is chosen yet (the two lists read alike) */
  poster = mml_poster_image_new (mml_poster_cache_get_for_engine (engine), 40);
  gtk_widget_set_valign (poster, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (poster, 6);
  gtk_widget_set_margin_bottom (poster, 6);
  mml_poster_image_set_poster (MML_POSTER_IMAGE (poster), NULL, title);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self), poster);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), self->spinner);

  self->ignore_button = gtk_button_new_with_label (_("Ignore"));
  gtk_widget_set_valign (self->ignore_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->ignore_button, "flat");
  mml_ui_set_tooltip (self->ignore_button, _("Leave this folder unmatched"));
  /* Translators: accessible name of the Ignore button, %s is a folder */
  ignore_label = g_strdup_printf (_("Ignore %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ignore_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ignore_label, -1);
  g_signal_connect_object (self->ignore_button, "clicked",
                           G_CALLBACK (ignore_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), self->ignore_button);

  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_cb), NULL);

  return GTK_WIDGET (self);
}

MmlMatchConflictItem *
mml_match_conflict_row_get_item (MmlMatchConflictRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ROW (self), NULL);
  return self->item;
}

guint
mml_match_conflict_row_get_n_candidates (MmlMatchConflictRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ROW (self), 0);
  populate (self);
  return self->candidate_rows->len;
}

GtkButton *
mml_match_conflict_row_get_confirm_button (MmlMatchConflictRow *self,
                                           guint                index)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ROW (self), NULL);
  populate (self);
  g_return_val_if_fail (index < self->candidate_rows->len, NULL);
  return mml_candidate_row_get_confirm_button (g_ptr_array_index (self->candidate_rows, index));
}

GtkButton *
mml_match_conflict_row_get_ignore_button (MmlMatchConflictRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ROW (self), NULL);
  return GTK_BUTTON (self->ignore_button);
}

AdwEntryRow *
mml_match_conflict_row_get_search_row (MmlMatchConflictRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ROW (self), NULL);
  populate (self);
  return self->search_row;
}

guint
mml_match_conflict_row_get_n_results (MmlMatchConflictRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ROW (self), 0);
  return self->result_rows->len;
}

GtkButton *
mml_match_conflict_row_get_result_button (MmlMatchConflictRow *self,
                                          guint                index)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ROW (self), NULL);
  g_return_val_if_fail (index < self->result_rows->len, NULL);
  return mml_candidate_row_get_confirm_button (g_ptr_array_index (self->result_rows, index));
}

/**
 * mml_match_conflict_row_get_error:
 *
 * Returns: (nullable): the error the row shows, with Retry
 */
const char *
mml_match_conflict_row_get_error (MmlMatchConflictRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ROW (self), NULL);
  return self->error;
}

gboolean
mml_match_conflict_row_get_busy (MmlMatchConflictRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ROW (self), FALSE);
  return self->busy;
}
