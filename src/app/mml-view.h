/* mml-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"

G_BEGIN_DECLS

#define MML_TYPE_VIEW (mml_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (MmlView, mml_view, MML, VIEW, AdwBin)

struct _MmlViewClass
{
  AdwBinClass parent_class;

  /* Moves keyboard focus to the view's search entry; returns FALSE when
   * the view has none (the default). */
  gboolean (*focus_search)    (MmlView *self);

  /* Called after the "engine" property changed (the engine may be NULL) */
  void     (*engine_changed) (MmlView *self);

  /*< private >*/
  gpointer _reserved[7];
};

const char *mml_view_get_title        (MmlView    *self);
void        mml_view_set_title        (MmlView    *self,
                                       const char *title);
const char *mml_view_get_icon_name    (MmlView    *self);
void        mml_view_set_icon_name    (MmlView    *self,
                                       const char *icon_name);
guint       mml_view_get_badge        (MmlView    *self);
void        mml_view_set_badge        (MmlView    *self,
                                       guint       badge);
gboolean    mml_view_get_can_search   (MmlView    *self);
gboolean    mml_view_focus_search     (MmlView    *self);
void        mml_view_add_toast        (MmlView    *self,
                                       AdwToast   *toast);
MmlEngine *
            mml_view_get_engine      (MmlView    *self);
void        mml_view_set_engine      (MmlView    *self,
                                       MmlEngine *engine);
void        mml_view_dispose_template (MmlView    *self,
                                       GType       widget_type);

G_END_DECLS
