/* mml-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-application.h"
#include "mml-view.h"

G_BEGIN_DECLS

#define MML_TYPE_WINDOW (mml_window_get_type ())

G_DECLARE_FINAL_TYPE (MmlWindow, mml_window, MML, WINDOW, AdwApplicationWindow)

MmlWindow    *mml_window_new               (MmlApplication *application);
AdwViewStack *mml_window_get_stack         (MmlWindow      *self);
MmlView      *mml_window_get_view          (MmlWindow      *self,
                                            const char     *name);
void          mml_window_add_toast         (MmlWindow      *self,
                                            AdwToast       *toast);

G_END_DECLS
