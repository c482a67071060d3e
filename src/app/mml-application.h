/* mml-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-background.h"
#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-notifier.h"
#include "mml-tray.h"

G_BEGIN_DECLS

#define MML_TYPE_APPLICATION (mml_application_get_type ())

G_DECLARE_FINAL_TYPE (MmlApplication, mml_application, MML, APPLICATION, AdwApplication)

MmlApplication *mml_application_new          (const char        *application_id,
                                              GApplicationFlags  flags);
GSettings      *mml_application_get_settings (MmlApplication    *self);
MmlEngine *
               mml_application_get_engine  (MmlApplication    *self);
MmlTray        *mml_application_get_tray     (MmlApplication    *self);
MmlNotifier    *mml_application_get_notifier (MmlApplication    *self);
MmlBackground  *mml_application_get_background (MmlApplication  *self);

G_END_DECLS
