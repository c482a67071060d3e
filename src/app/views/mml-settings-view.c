/* mml-settings-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences. Only what works is shown as a control; the groups of features
 * that have not landed say so in plain words.
 */

#define G_LOG_DOMAIN "mml-settings-view"

#include "config.h"

#include "mml-settings-view.h"

struct _MmlSettingsView
{
  MmlView      parent_instance;

  GSettings   *settings;

  AdwComboRow *style_row;
};

G_DEFINE_FINAL_TYPE (MmlSettingsView, mml_settings_view, MML_TYPE_VIEW)

/* Positions in the "Style" combo row, in the order of the .ui file */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_strcmp0 (scheme, color_schemes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[position]);
}

static void
mml_settings_view_dispose (GObject *object)
{
  MmlSettingsView *self = MML_SETTINGS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), MML_TYPE_SETTINGS_VIEW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mml_settings_view_parent_class)->dispose (object);
}

static void
mml_settings_view_class_init (MmlSettingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_settings_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-settings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, style_row);
}

static void
mml_settings_view_init (MmlSettingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID_BASE);
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping,
                                color_scheme_set_mapping,
                                NULL, NULL);
}
