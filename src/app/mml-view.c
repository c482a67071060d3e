/* mml-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The abstract base of the pages of the main window. A view carries the
 * title and icon the sidebar shows for it, the count its row shows beside
 * them (what waits for the user there: conflicts, missing episodes), and
 * optionally a search entry that the window focuses on Ctrl+F.
 */

#define G_LOG_DOMAIN "mml-view"

#include "config.h"

#include "mml-view.h"
#include "mml-ui-util.h"

typedef struct
{
  char *title;
  char *icon_name;
  guint badge;
  MmlEngine *engine;
} MmlViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MmlView, mml_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_CAN_SEARCH,
  PROP_SESSION,
  PROP_BADGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **dest,
            const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;

  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

static void
mml_view_dispose (GObject *object)
{
  MmlView *self = MML_VIEW (object);
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_clear_object (&priv->engine);

  G_OBJECT_CLASS (mml_view_parent_class)->dispose (object);
}

static void
mml_view_finalize (GObject *object)
{
  MmlView *self = MML_VIEW (object);
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->icon_name, g_free);

  G_OBJECT_CLASS (mml_view_parent_class)->finalize (object);
}

static void
mml_view_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MmlView *self = MML_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, mml_view_get_title (self));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, mml_view_get_icon_name (self));
      break;

    case PROP_CAN_SEARCH:
      g_value_set_boolean (value, mml_view_get_can_search (self));
      break;

    case PROP_SESSION:
      g_value_set_object (value, mml_view_get_engine (self));
      break;

    case PROP_BADGE:
      g_value_set_uint (value, mml_view_get_badge (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_view_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MmlView *self = MML_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      mml_view_set_title (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      mml_view_set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_SESSION:
      mml_view_set_engine (self, g_value_get_object (value));
      break;

    case PROP_BADGE:
      mml_view_set_badge (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_view_class_init (MmlViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_view_dispose;
  object_class->finalize = mml_view_finalize;
  object_class->get_property = mml_view_get_property;
  object_class->set_property = mml_view_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_SEARCH] =
    g_param_spec_boolean ("can-search", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The library the view shows; the window sets it from the application */
  properties[PROP_SESSION] =
    g_param_spec_object ("engine", NULL, NULL,
                         MML_TYPE_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* What waits for the user in the view (0: nothing); the sidebar shows it */
  properties[PROP_BADGE] =
    g_param_spec_uint ("badge", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

guint
mml_view_get_badge (MmlView *self)
{
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_return_val_if_fail (MML_IS_VIEW (self), 0);

  return priv->badge;
}

void
mml_view_set_badge (MmlView *self,
                    guint    badge)
{
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_return_if_fail (MML_IS_VIEW (self));

  if (priv->badge == badge)
    return;
  priv->badge = badge;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
}

static void
mml_view_init (MmlView *self)
{
}

const char *
mml_view_get_title (MmlView *self)
{
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_return_val_if_fail (MML_IS_VIEW (self), NULL);

  return priv->title;
}

void
mml_view_set_title (MmlView    *self,
                    const char *title)
{
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_return_if_fail (MML_IS_VIEW (self));

  if (set_string (&priv->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
mml_view_get_icon_name (MmlView *self)
{
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_return_val_if_fail (MML_IS_VIEW (self), NULL);

  return priv->icon_name;
}

void
mml_view_set_icon_name (MmlView    *self,
                        const char *icon_name)
{
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_return_if_fail (MML_IS_VIEW (self));

  if (set_string (&priv->icon_name, icon_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

/**
 * mml_view_get_can_search:
 * @self: a #MmlView
 *
 * Returns: whether the view has a search entry that Ctrl+F can focus
 */
gboolean
mml_view_get_can_search (MmlView *self)
{
  g_return_val_if_fail (MML_IS_VIEW (self), FALSE);

  return MML_VIEW_GET_CLASS (self)->focus_search != NULL;
}

/**
 * mml_view_focus_search:
 * @self: a #MmlView
 *
 * Focuses the view's search entry.
 *
 * Returns: %TRUE if the view has a search entry and it took the focus
 */
gboolean
mml_view_focus_search (MmlView *self)
{
  g_return_val_if_fail (MML_IS_VIEW (self), FALSE);

  if (MML_VIEW_GET_CLASS (self)->focus_search == NULL)
    return FALSE;

  return MML_VIEW_GET_CLASS (self)->focus_search (self);
}

/**
 * mml_view_add_toast:
 * @self: a #MmlView
 * @toast: (transfer full): the toast to show
 *
 * Shows @toast in the nearest #AdwToastOverlay above the view (the window
 * has one around its content). Drops it if the view is not in a window.
 */
void
mml_view_add_toast (MmlView  *self,
                    AdwToast *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (MML_IS_VIEW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * mml_view_get_engine:
 * @self: a #MmlView
 *
 * Returns: (transfer none) (nullable): the engine whose library the view shows
 */
MmlEngine *
mml_view_get_engine (MmlView *self)
{
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_return_val_if_fail (MML_IS_VIEW (self), NULL);

  return priv->engine;
}

/**
 * mml_view_set_engine:
 * @self: a #MmlView
 * @engine: (nullable): the engine
 *
 * Sets the engine the view binds its models to.
 */
void
mml_view_set_engine (MmlView           *self,
                      MmlEngine *engine)
{
  MmlViewPrivate *priv = mml_view_get_instance_private (self);

  g_return_if_fail (MML_IS_VIEW (self));
  g_return_if_fail (engine == NULL || MML_IS_ENGINE (engine));

  if (!g_set_object (&priv->engine, engine))
    return;

  if (MML_VIEW_GET_CLASS (self)->engine_changed != NULL)
    MML_VIEW_GET_CLASS (self)->engine_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * mml_view_dispose_template:
 * @self: a #MmlView
 * @widget_type: the view's type, as for gtk_widget_dispose_template()
 *
 * For the dispose of a view built from a template whose child is a bound
 * template child: drops the engine first, as the views' engine_changed
 * touches the template children, then the template.
 */
void
mml_view_dispose_template (MmlView *self,
                           GType    widget_type)
{
  g_return_if_fail (MML_IS_VIEW (self));

  mml_view_set_engine (self, NULL);
  mml_ui_bin_dispose_template (ADW_BIN (self), widget_type);
}
