/* mml-settings-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"

G_BEGIN_DECLS

#define MML_TYPE_SETTINGS_VIEW (mml_settings_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlSettingsView, mml_settings_view, MML, SETTINGS_VIEW, MmlView)

G_END_DECLS
