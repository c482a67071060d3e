/* mml-subtitle-actions.c — the toasts of subtitle downloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A download or a fetch ends with a toast in the view it started from;
 * one that wrote files offers Undo, which puts the journal batch back
 * through the subtitles controller. A fetch's toast stays while it runs
 * and follows the controller's "progress".
 */

#define G_LOG_DOMAIN "mml-subtitles"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-subtitle-actions.h"
#include "mml-view.h"

static MmlView *
view_of (GtkWidget *within)
{
  GtkWidget *view = within != NULL ? gtk_widget_get_ancestor (within, MML_TYPE_VIEW) : NULL;

  return view != NULL ? MML_VIEW (view) : NULL;
}

static AdwToast *
toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

char *
mml_subtitle_quota_reset_text (gint64 reset_at)
{
  g_autoptr(GDateTime) utc = reset_at > 0 ? g_date_time_new_from_unix_utc (reset_at) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%H:%M") : NULL;
}

char *
mml_subtitle_fetch_summary_text (const MmlSubtitleFetchSummary *summary)
{
  GString *out = g_string_new (NULL);

  if (summary->downloaded > 0 || summary->skipped > 0 || summary->failed > 0)
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u downloaded", "%u downloaded",
                                                summary->downloaded), summary->downloaded);
      if (summary->skipped > 0)
        {
          g_string_append (out, ", ");
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped",
                                                    summary->skipped), summary->skipped);
        }
      if (summary->failed > 0)
        {
          g_string_append (out, ", ");
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed",
                                                    summary->failed), summary->failed);
        }
    }
  if (summary->stopped_by_quota)
    {
      g_autofree char *when = mml_subtitle_quota_reset_text (summary->reset_at);

      if (out->len > 0)
        g_string_append (out, ". ");
      if (when != NULL)
        /* Translators: %s is a local time, "01:00" */
        g_string_append_printf (out, _("No downloads left today; they reset at %s"), when);
      else
        g_string_append (out, _("No downloads left today"));
    }
  if (out->len == 0)
    g_string_append (out, _("No episode is missing subtitles"));
  return g_string_free (out, FALSE);
}

/* --- undo ------------------------------------------------------------------- */

typedef struct
{
  GWeakRef   within;
  MmlEngine *engine;
  gint64     batch;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_weak_ref_clear (&undo->within);
  g_object_unref (undo->engine);
  g_free (undo);
}

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Undo *undo = user_data;
  g_autoptr(GtkWidget) within = g_weak_ref_get (&undo->within);
  g_autoptr(GError) error = NULL;
  MmlView *view = view_of (within);

  if (!mml_subtitles_controller_undo_finish (MML_SUBTITLES_CONTROLLER (object), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot undo: %s"), error->message);

      if (view != NULL)
        mml_view_add_toast (view, toast_new (text));
    }
  else if (view != NULL)
    mml_view_add_toast (view, toast_new (_("Subtitles moved to the trash")));
  undo_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 gpointer  user_data)
{
  Undo *undo = g_object_steal_data (G_OBJECT (toast), "mml-undo");

  if (undo == NULL)
    return;
  mml_subtitles_controller_undo_async (mml_engine_get_subtitles (undo->engine), undo->batch, NULL,
                                       undone_cb, undo);
}

static void
add_undo (AdwToast  *toast,
          GtkWidget *within,
          MmlEngine *engine,
          gint64     batch)
{
  Undo *undo;

  if (batch <= 0)
    return;
  undo = g_new0 (Undo, 1);
  g_weak_ref_init (&undo->within, within);
  undo->engine = g_object_ref (engine);
  undo->batch = batch;
  g_object_set_data_full (G_OBJECT (toast), "mml-undo", undo, undo_free);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), NULL);
}

void
mml_subtitle_toast_saved (GtkWidget  *within,
                          MmlEngine  *engine,
                          const char *title,
                          gint64      batch)
{
  MmlView *view = view_of (within);
  AdwToast *toast;

  g_return_if_fail (MML_IS_ENGINE (engine));

  if (view == NULL)
    return;
  toast = toast_new (title);
  add_undo (toast, within, engine, batch);
  mml_view_add_toast (view, toast);
}

/* --- fetch ------------------------------------------------------------------ */

typedef struct
{
  GWeakRef   within;
  MmlEngine *engine;
  AdwToast  *progress;   /* shown while it runs */
  gulong     handler;
} Fetch;

static void
fetch_progress_cb (MmlSubtitlesController *controller,
                   guint                   done,
                   guint                   total,
                   gpointer                user_data)
{
  Fetch *fetch = user_data;
  g_autofree char *text = NULL;

  if (total == 0)
    return;
  /* Translators: progress of a subtitle fetch, "Fetching subtitles: 2 of 5" */
  text = g_strdup_printf (_("Fetching subtitles: %u of %u"), done, total);
  adw_toast_set_title (fetch->progress, text);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GtkWidget) within = g_weak_ref_get (&fetch->within);
  MmlSubtitleFetchSummary summary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MmlView *view = view_of (within);

  g_signal_handler_disconnect (object, fetch->handler);
  adw_toast_dismiss (fetch->progress);
  g_object_unref (fetch->progress);

  if (!mml_subtitles_controller_fetch_finish (MML_SUBTITLES_CONTROLLER (object), result, &summary, &error))
    text = g_strdup_printf (_("Cannot fetch subtitles: %s"), error->message);
  else
    text = mml_subtitle_fetch_summary_text (&summary);

  if (view != NULL)
    {
      AdwToast *toast = toast_new (text);

      if (error == NULL)
        add_undo (toast, within, fetch->engine, summary.batch);
      mml_view_add_toast (view, toast);
    }
  g_weak_ref_clear (&fetch->within);
  g_object_unref (fetch->engine);
  g_free (fetch);
}

void
mml_subtitle_fetch_missing (GtkWidget *within,
                            MmlEngine *engine,
                            gint64     series_id)
{
  MmlSubtitlesController *controller;
  MmlView *view = view_of (within);
  Fetch *fetch;

  g_return_if_fail (GTK_IS_WIDGET (within));
  g_return_if_fail (MML_IS_ENGINE (engine));

  controller = mml_engine_get_subtitles (engine);
  fetch = g_new0 (Fetch, 1);
  g_weak_ref_init (&fetch->within, within);
  fetch->engine = g_object_ref (engine);
  fetch->progress = g_object_ref_sink (toast_new (_("Fetching subtitles…")));
  adw_toast_set_timeout (fetch->progress, 0);
  if (view != NULL)
    mml_view_add_toast (view, g_object_ref (fetch->progress));
  fetch->handler = g_signal_connect (controller, "progress", G_CALLBACK (fetch_progress_cb), fetch);
  mml_subtitles_controller_fetch_async (controller, series_id, NULL, NULL, fetched_cb, fetch);
}
