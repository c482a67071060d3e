/* mml-poster-cache.h — series posters as textures sized for the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"

G_BEGIN_DECLS

#define MML_TYPE_POSTER_CACHE (mml_poster_cache_get_type ())

G_DECLARE_FINAL_TYPE (MmlPosterCache, mml_poster_cache, MML, POSTER_CACHE, GObject)

MmlPosterCache *mml_poster_cache_new             (MmlEngine           *engine,
                                                  const char          *dir,
                                                  guint                capacity);
MmlPosterCache *mml_poster_cache_get_for_engine (MmlEngine   *engine);
GdkTexture     *mml_poster_cache_lookup          (MmlPosterCache      *self,
                                                  const char          *url,
                                                  int                  width);
void            mml_poster_cache_load_async      (MmlPosterCache      *self,
                                                  const char          *url,
                                                  int                  width,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GdkTexture     *mml_poster_cache_load_finish     (MmlPosterCache      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
guint           mml_poster_cache_get_n_cached    (MmlPosterCache      *self);
guint           mml_poster_cache_get_n_loads     (MmlPosterCache      *self);

G_END_DECLS
