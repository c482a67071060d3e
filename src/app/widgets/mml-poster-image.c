/* mml-poster-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A series poster: a tinted placeholder with an icon until the texture is
 * there, then the poster, cropped to fill the box with rounded corners.
 * It loads only while mapped — the grid maps the cards on screen — and
 * cancels when unmapped or given another poster, so scrolling through a
 * large library downloads only what is looked at.
 */

#define G_LOG_DOMAIN "mml-poster-image"

#include "config.h"

#include "mml-poster-image.h"

/* style.css has a tint per class, so placeholders are told apart */
#define N_TINTS       8
#define CORNER_RADIUS 8
/* Posters are 2:3 (TVmaze's are 680×1000) */
#define ASPECT        1.47

struct _MmlPosterImage
{
  GtkWidget       parent_instance;

  MmlPosterCache *cache;
  GtkWidget      *icon;
  char           *url;
  GdkTexture     *texture;
  GCancellable   *cancellable;
  int             width;
  guint           tint;
};

G_DEFINE_FINAL_TYPE (MmlPosterImage, mml_poster_image, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CACHE,
  PROP_POSTER_WIDTH,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_texture (MmlPosterImage *self,
             GdkTexture     *texture)
{
  gboolean was_loaded = self->texture != NULL;

  if (!g_set_object (&self->texture, texture))
    return;

  gtk_widget_set_visible (self->icon, texture == NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (was_loaded != (texture != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
cancel_load (MmlPosterImage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static int
texture_width (MmlPosterImage *self)
{
  return self->width * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
poster_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlPosterImage) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = mml_poster_cache_load_finish (MML_POSTER_CACHE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (texture == NULL)
    {
      /* The placeholder stays: a poster is not worth an error on screen */
      g_debug ("No poster from %s: %s", self->url, error->message);
      return;
    }

  set_texture (self, texture);
}

static void
start_load (MmlPosterImage *self)
{
  GdkTexture *texture;

  if (self->cache == NULL || self->url == NULL || self->texture != NULL ||
      self->cancellable != NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if ((texture = mml_poster_cache_lookup (self->cache, self->url, texture_width (self))) != NULL)
    {
      set_texture (self, texture);
      return;
    }

  self->cancellable = g_cancellable_new ();
  mml_poster_cache_load_async (self->cache, self->url, texture_width (self), self->cancellable,
                               poster_loaded_cb, g_object_ref (self));
}

static void
set_tint (MmlPosterImage *self,
          guint           tint)
{
  char name[16];

  g_snprintf (name, sizeof name, "tint-%u", self->tint);
  gtk_widget_remove_css_class (GTK_WIDGET (self), name);
  self->tint = tint % N_TINTS;
  g_snprintf (name, sizeof name, "tint-%u", self->tint);
  gtk_widget_add_css_class (GTK_WIDGET (self), name);
}

static void
mml_poster_image_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  MmlPosterImage *self = MML_POSTER_IMAGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRoundedRect clip;
  double tw, th, scale;

  if (self->texture == NULL)
    {
      gtk_widget_snapshot_child (widget, self->icon, snapshot);
      return;
    }

  /* Cover the box: scale to fill, crop what is left over, centred */
  tw = gdk_texture_get_width (self->texture);
  th = gdk_texture_get_height (self->texture);
  scale = MAX (width / tw, height / th);
  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (0, 0, width, height), CORNER_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT ((width - tw * scale) / 2,
                                                    (height - th * scale) / 2,
                                                    tw * scale, th * scale));
  gtk_snapshot_pop (snapshot);
}

static void
mml_poster_image_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mml_poster_image_parent_class)->map (widget);
  start_load (MML_POSTER_IMAGE (widget));
}

static void
mml_poster_image_unmap (GtkWidget *widget)
{
  cancel_load (MML_POSTER_IMAGE (widget));
  GTK_WIDGET_CLASS (mml_poster_image_parent_class)->unmap (widget);
}

static void
mml_poster_image_dispose (GObject *object)
{
  MmlPosterImage *self = MML_POSTER_IMAGE (object);

  cancel_load (self);
  g_clear_pointer (&self->icon, gtk_widget_unparent);
  g_clear_object (&self->texture);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (mml_poster_image_parent_class)->dispose (object);
}

static void
mml_poster_image_finalize (GObject *object)
{
  MmlPosterImage *self = MML_POSTER_IMAGE (object);

  g_free (self->url);

  G_OBJECT_CLASS (mml_poster_image_parent_class)->finalize (object);
}

static void
mml_poster_image_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MmlPosterImage *self = MML_POSTER_IMAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_POSTER_WIDTH:
      g_value_set_int (value, self->width);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->texture != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_width (MmlPosterImage *self,
           int             width)
{
  self->width = width;
  gtk_widget_set_size_request (GTK_WIDGET (self), width, (int) (width * ASPECT + 0.5));
  gtk_image_set_pixel_size (GTK_IMAGE (self->icon), width >= 96 ? 48 : 16);
}

static void
mml_poster_image_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MmlPosterImage *self = MML_POSTER_IMAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      mml_poster_image_set_cache (self, g_value_get_object (value));
      break;
    case PROP_POSTER_WIDTH:
      set_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_poster_image_class_init (MmlPosterImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_poster_image_dispose;
  object_class->finalize = mml_poster_image_finalize;
  object_class->get_property = mml_poster_image_get_property;
  object_class->set_property = mml_poster_image_set_property;

  widget_class->snapshot = mml_poster_image_snapshot;
  widget_class->map = mml_poster_image_map;
  widget_class->unmap = mml_poster_image_unmap;

  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, MML_TYPE_POSTER_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* logical pixels; the height follows (2:3) */
  properties[PROP_POSTER_WIDTH] =
    g_param_spec_int ("poster-width", NULL, NULL, 16, 1024, 170,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "poster");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mml_poster_image_init (MmlPosterImage *self)
{
  mml_series_style_ensure ();

  self->icon = gtk_image_new_from_icon_name ("video-display-symbolic");
  gtk_widget_set_halign (self->icon, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  gtk_widget_add_css_class (GTK_WIDGET (self), "series-poster");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  set_tint (self, 0);
  set_width (self, 170);
}

/**
 * mml_poster_image_new:
 * @cache: (nullable): where posters come from
 * @width: the width in logical pixels; the height follows (2:3)
 */
GtkWidget *
mml_poster_image_new (MmlPosterCache *cache,
                      int             width)
{
  return g_object_new (MML_TYPE_POSTER_IMAGE,
                       "cache", cache,
                       "poster-width", CLAMP (width, 16, 1024),
                       NULL);
}

void
mml_poster_image_set_cache (MmlPosterImage *self,
                            MmlPosterCache *cache)
{
  g_return_if_fail (MML_IS_POSTER_IMAGE (self));
  g_return_if_fail (cache == NULL || MML_IS_POSTER_CACHE (cache));

  if (!g_set_object (&self->cache, cache))
    return;

  cancel_load (self);
  start_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

/**
 * mml_poster_image_set_poster:
 * @url: (nullable): the poster
 * @title: (nullable): the series, for the placeholder's tint and the
 *   accessible label
 */
void
mml_poster_image_set_poster (MmlPosterImage *self,
                             const char     *url,
                             const char     *title)
{
  g_return_if_fail (MML_IS_POSTER_IMAGE (self));

  set_tint (self, title != NULL ? g_str_hash (title) : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  -1);

  if (g_strcmp0 (self->url, url) == 0)
    return;

  cancel_load (self);
  g_free (self->url);
  self->url = (url != NULL && *url != '\0') ? g_strdup (url) : NULL;
  set_texture (self, NULL);
  start_load (self);
}

const char *
mml_poster_image_get_url (MmlPosterImage *self)
{
  g_return_val_if_fail (MML_IS_POSTER_IMAGE (self), NULL);
  return self->url;
}

/**
 * mml_poster_image_get_loaded:
 *
 * Returns: whether the poster is shown (not the placeholder)
 */
gboolean
mml_poster_image_get_loaded (MmlPosterImage *self)
{
  g_return_val_if_fail (MML_IS_POSTER_IMAGE (self), FALSE);
  return self->texture != NULL;
}

/**
 * mml_series_style_ensure:
 *
 * Loads the style of the series widgets (badges, posters) once.
 */
void
mml_series_style_ensure (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/ui/mml-series.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}
