/* mml-scan-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The running scan, as a card: the folder being read, a progress bar and a
 * Cancel button. Hidden while nothing scans. Paths and the dashboard both
 * show one, bound to the same engine.
 */

#define G_LOG_DOMAIN "mml-scan-progress"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-scan-progress.h"
#include "mml-ui-util.h"

struct _MmlScanProgress
{
  AdwBin             parent_instance;

  MmlEngine *engine;

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
  gboolean scanning = self->engine != NULL && mml_library_controller_get_scanning (mml_engine_get_library (self->engine));
  g_autofree char *text = NULL;
  double fraction = 0.0;

  if (scanning)
    {
      const char *path = mml_library_controller_get_scan_path (mml_engine_get_library (self->engine));

      text = path != NULL ? mml_format_path (path) : NULL;
      fraction = mml_library_controller_get_scan_fraction (mml_engine_get_library (self->engine));
    }

  gtk_revealer_set_reveal_child (self->revealer, scanning);
  gtk_spinner_set_spinning (self->spinner, scanning);
  gtk_label_set_label (self->folder_label, text ? text : _("Listing folders…"));
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
engine_notify_cb (MmlScanProgress *self,
                   GParamSpec      *pspec,
                   gpointer         engine)
{
  update (self);
}

static void
cancel_clicked_cb (MmlScanProgress *self,
                   GtkButton       *button)
{
  if (self->engine != NULL)
    mml_library_controller_cancel_scan (mml_engine_get_library (self->engine));
}

static void
mml_scan_progress_dispose (GObject *object)
{
  MmlScanProgress *self = MML_SCAN_PROGRESS (object);

  mml_scan_progress_set_engine (self, NULL);
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
      g_value_set_object (value, self->engine);
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
      mml_scan_progress_set_engine (self, g_value_get_object (value));
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
    g_param_spec_object ("engine", NULL, NULL, MML_TYPE_ENGINE,
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
  mml_ui_collapse_with (self->revealer, GTK_WIDGET (self));
}

MmlEngine *
mml_scan_progress_get_engine (MmlScanProgress *self)
{
  g_return_val_if_fail (MML_IS_SCAN_PROGRESS (self), NULL);
  return self->engine;
}

void
mml_scan_progress_set_engine (MmlScanProgress   *self,
                               MmlEngine *engine)
{
  g_return_if_fail (MML_IS_SCAN_PROGRESS (self));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);

  if (engine != NULL)
    {
      g_signal_connect_object (mml_engine_get_library (engine), "notify::scanning",
                               G_CALLBACK (engine_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::scan-fraction",
                               G_CALLBACK (engine_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::scan-path",
                               G_CALLBACK (engine_notify_cb), self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
