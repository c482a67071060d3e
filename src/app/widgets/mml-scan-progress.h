/* mml-scan-progress.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"

G_BEGIN_DECLS

#define MML_TYPE_SCAN_PROGRESS (mml_scan_progress_get_type ())

G_DECLARE_FINAL_TYPE (MmlScanProgress, mml_scan_progress, MML, SCAN_PROGRESS, AdwBin)

MmlEngine *mml_scan_progress_get_engine (MmlScanProgress   *self);
void               mml_scan_progress_set_engine (MmlScanProgress   *self,
                                                  MmlEngine *engine);

G_END_DECLS
