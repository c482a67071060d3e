/* mml-sidecar-fix-dialog.h — a change to the library's subtitle files,
 * previewed, then made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"

G_BEGIN_DECLS

typedef enum
{
  MML_SIDECAR_FIX_RTL,          /* RTL punctuation to the logical end */
  MML_SIDECAR_FIX_ENCODING,     /* text to UTF-8 */
  MML_SIDECAR_FIX_HEBREW_NAMES, /* .he/.iw/.hebrew to the app's own name */
} MmlSidecarFix;

#define MML_TYPE_SIDECAR_FIX_DIALOG (mml_sidecar_fix_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MmlSidecarFixDialog, mml_sidecar_fix_dialog, MML, SIDECAR_FIX_DIALOG, AdwWindow)

MmlSidecarFixDialog *mml_sidecar_fix_dialog_new           (GtkWindow           *parent,
                                                          MmlEngine           *engine,
                                                          MmlSidecarFix        fix);
/* for tests: "loading", "empty", "list", "error" */
const char          *mml_sidecar_fix_dialog_get_state     (MmlSidecarFixDialog *self);
guint                mml_sidecar_fix_dialog_get_n_to_fix  (MmlSidecarFixDialog *self);
GtkButton           *mml_sidecar_fix_dialog_get_apply_button (MmlSidecarFixDialog *self);
GtkListBox          *mml_sidecar_fix_dialog_get_list      (MmlSidecarFixDialog *self);

G_END_DECLS
