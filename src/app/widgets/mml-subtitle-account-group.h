/* mml-subtitle-account-group.h — Settings: the OpenSubtitles account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-sidecar-fix-dialog.h"

G_BEGIN_DECLS

#define MML_TYPE_SUBTITLE_ACCOUNT_GROUP (mml_subtitle_account_group_get_type ())

G_DECLARE_FINAL_TYPE (MmlSubtitleAccountGroup, mml_subtitle_account_group, MML, SUBTITLE_ACCOUNT_GROUP, AdwPreferencesGroup)

void         mml_subtitle_account_group_set_engine       (MmlSubtitleAccountGroup *self,
                                                          MmlEngine               *engine);

/* For tests */
GtkButton   *mml_subtitle_account_group_get_test_button  (MmlSubtitleAccountGroup *self);
GtkSwitch *mml_subtitle_account_group_get_fix_rtl_switch (MmlSubtitleAccountGroup *self);
MmlSidecarFixDialog *mml_subtitle_account_group_get_fix_dialog (MmlSubtitleAccountGroup *self);
/* "api-key", "user" or "password" */
GtkEditable *mml_subtitle_account_group_get_field        (MmlSubtitleAccountGroup *self,
                                                          const char              *field);
gboolean     mml_subtitle_account_group_get_busy         (MmlSubtitleAccountGroup *self);
const char  *mml_subtitle_account_group_get_status       (MmlSubtitleAccountGroup *self,
                                                          gboolean                *failed);
const char  *mml_subtitle_account_group_get_quota_text   (MmlSubtitleAccountGroup *self);
AdwComboRow *mml_subtitle_account_group_get_style_row    (MmlSubtitleAccountGroup *self);

G_END_DECLS
