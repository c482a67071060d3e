/* mml-fake-posters.c — poster images the fake servers generate: a sky in
 * the name's colours, a sun, hills and the name, so every series (and
 * season) looks different in the screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "mml-fake-posters.h"

static void
hsv_to_rgb (double  h,
            double  s,
            double  v,
            double *r,
            double *g,
            double *b)
{
  int i = (int) (h * 6) % 6;
  double f = h * 6 - (int) (h * 6);
  double p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);

  switch (i)
    {
    case 0: *r = v; *g = t; *b = p; break;
    case 1: *r = q; *g = v; *b = p; break;
    case 2: *r = p; *g = v; *b = t; break;
    case 3: *r = p; *g = q; *b = v; break;
    case 4: *r = t; *g = p; *b = v; break;
    default: *r = v; *g = p; *b = q; break;
    }
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A poster (340×500 PNG): a sky in the title's colours, a sun, hills, and
 * the title; runs on the server's thread */
void
mml_fake_posters_handler (MmlFakeServer     *fake,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data)
{
  static const struct { const char *image; const char *name; } fixture_posters[] = {
    { "78286.jpg", "girls" }, { "478539.jpg", "girls" }, { "1007479.jpg", "derry-girls" },
    { "996391.jpg", "shining-girls" }, { "744253.jpg", "good-girls" }, { "11308.jpg", "gilmore-girls" },
    { "888874.jpg", "chicken-girls" }, { "71862.jpg", "land-girls" }, { "47024.jpg", "fly-girls" },
  };
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_auto(GStrv) words = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 340, 500);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 0, 500);
  double r, g, b;
  double y = 340;
  guint hash;

  /* "harbour-lights.png" → HARBOUR / LIGHTS; the fixture's images by name */
  if (g_str_has_suffix (base, ".png"))
    base[strlen (base) - 4] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (fixture_posters); i++)
    if (g_str_equal (base, fixture_posters[i].image))
      {
        g_free (base);
        base = g_strdup (fixture_posters[i].name);
        break;
      }
  hash = g_str_hash (base);

  hsv_to_rgb ((hash % 360) / 360.0, 0.55, 0.92, &r, &g, &b);
  cairo_pattern_add_color_stop_rgb (gradient, 0, r, g, b);
  hsv_to_rgb (((hash / 7) % 360) / 360.0, 0.65, 0.4, &r, &g, &b);
  cairo_pattern_add_color_stop_rgb (gradient, 0.55, r, g, b);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0.05, 0.05, 0.09);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);

  cairo_set_source_rgba (cr, 1, 0.96, 0.82, 0.9);
  cairo_arc (cr, 90 + hash % 160, 130 + (hash / 13) % 60, 30 + hash % 22, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.4);
  cairo_move_to (cr, 0, 260);
  for (int x = 0; x <= 340; x += 10)
    cairo_line_to (cr, x, 245 - 16 * sin ((x + hash % 100) / 45.0));
  cairo_line_to (cr, 340, 500);
  cairo_line_to (cr, 0, 500);
  cairo_close_path (cr);
  cairo_fill (cr);

  words = g_strsplit (base, "-", -1);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 38);
  cairo_set_source_rgb (cr, 1, 1, 1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *upper = g_ascii_strup (words[i], -1);
      cairo_text_extents_t extents;

      cairo_text_extents (cr, upper, &extents);
      cairo_move_to (cr, (340 - extents.width) / 2 - extents.x_bearing, y);
      cairo_show_text (cr, upper);
      y += 46;
    }

  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png_cb, png);
  cairo_surface_destroy (surface);

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, (const char *) png->data, png->len);
}
