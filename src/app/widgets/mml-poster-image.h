/* mml-poster-image.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-poster-cache.h"

G_BEGIN_DECLS

#define MML_TYPE_POSTER_IMAGE (mml_poster_image_get_type ())

G_DECLARE_FINAL_TYPE (MmlPosterImage, mml_poster_image, MML, POSTER_IMAGE, GtkWidget)

GtkWidget      *mml_poster_image_new         (MmlPosterCache *cache,
                                              int             width);
void            mml_poster_image_set_cache   (MmlPosterImage *self,
                                              MmlPosterCache *cache);
void            mml_poster_image_set_poster  (MmlPosterImage *self,
                                              const char     *url,
                                              const char     *title);
const char     *mml_poster_image_get_url     (MmlPosterImage *self);
gboolean        mml_poster_image_get_loaded  (MmlPosterImage *self);

void            mml_series_style_ensure      (void);

G_END_DECLS
