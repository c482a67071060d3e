/* mml-scan-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The running scan, as a card: the folder being read, a progress bar and a
 * Cancel button. Hidden while nothing scans. Paths and the dashboard both
 * show one, bound to the same session.
 */

#define G_LOG_DOMAIN "mml-scan-progress"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-scan-progress.h"
#include "mml-ui-util.h"

struct _MmlScanProgress
{
  AdwBin             parent_instance;

  MmlLibrarySession *session;

  GtkRevealer       *revealer;
  GtkSpinner        *spinner;
  GtkLabel          *title_label;
  GtkLabel          *folder_label;
  GtkProgressBar    *progress_bar;
};

G_DEFINE_FINAL_TYPE (MmlScanProgress, mml_scan_progress, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (MmlScanProgress *self)
{
  gboolean scanning = self->session != NULL && mml_library_session_get_scanning (self->session);
  const char *text = NULL;
  double fraction = 0.0;

  if (scanning)
    {
      text = mml_library_session_get_scan_text (self->session);
      fraction = mml_library_session_get_scan_fraction (self->session);
    }

  gtk_revealer_set_reveal_child (self->revealer, scanning);
  gtk_spinner_set_spinning (self->spinner, scanning);
  gtk_label_set_label (self->folder_label, text ? text : _("Listing folders…"));
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
session_notify_cb (MmlScanProgress *self,
                   GParamSpec      *pspec,
                   gpointer         session)
{
  update (self);
}

static void
cancel_clicked_cb (MmlScanProgress *self,
                   GtkButton       *button)
{
  if (self->session != NULL)
    mml_library_session_cancel_scan (self->session);
}

static void
mml_scan_progress_dispose (GObject *object)
{
  MmlScanProgress *self = MML_SCAN_PROGRESS (object);

  mml_scan_progress_set_session (self, NULL);
  mml_ui_bin_dispose_template (ADW_BIN (self), MML_TYPE_SCAN_PROGRESS);

  G_OBJECT_CLASS (mml_scan_progress_parent_class)->dispose (object);
}

static void
mml_scan_progress_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MmlScanProgress *self = MML_SCAN_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_scan_progress_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MmlScanProgress *self = MML_SCAN_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mml_scan_progress_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_scan_progress_class_init (MmlScanProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_scan_progress_dispose;
  object_class->get_property = mml_scan_progress_get_property;
  object_class->set_property = mml_scan_progress_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MML_TYPE_LIBRARY_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-scan-progress.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlScanProgress, revealer);
  gtk_widget_class_bind_template_child (widget_class, MmlScanProgress, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlScanProgress, title_label);
  gtk_widget_class_bind_template_child (widget_class, MmlScanProgress, folder_label);
  gtk_widget_class_bind_template_child (widget_class, MmlScanProgress, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
mml_scan_progress_init (MmlScanProgress *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MmlLibrarySession *
mml_scan_progress_get_session (MmlScanProgress *self)
{
  g_return_val_if_fail (MML_IS_SCAN_PROGRESS (self), NULL);
  return self->session;
}

void
mml_scan_progress_set_session (MmlScanProgress   *self,
                               MmlLibrarySession *session)
{
  g_return_if_fail (MML_IS_SCAN_PROGRESS (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::scanning",
                               G_CALLBACK (session_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::scan-fraction",
                               G_CALLBACK (session_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::scan-text",
                               G_CALLBACK (session_notify_cb), self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
