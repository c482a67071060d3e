/* mml-settings-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"
#include "widgets/mml-history-group.h"
#include "widgets/mml-servers-group.h"
#include "widgets/mml-webhook-group.h"
#include "widgets/mml-move-rules-group.h"
#include "widgets/mml-subtitle-account-group.h"
#include "widgets/mml-subtitle-languages-group.h"

G_BEGIN_DECLS

#define MML_TYPE_SETTINGS_VIEW (mml_settings_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlSettingsView, mml_settings_view, MML, SETTINGS_VIEW, MmlView)

/* For tests */
GtkButton   *mml_settings_view_get_test_button (MmlSettingsView  *self,
                                                MmlMetaProvider   kind);
GtkEditable *mml_settings_view_get_key_row     (MmlSettingsView  *self,
                                                MmlMetaProvider   kind);
const char  *mml_settings_view_get_test_status (MmlSettingsView  *self,
                                                MmlMetaProvider   kind,
                                                const GError    **error);
gboolean     mml_settings_view_get_testing     (MmlSettingsView  *self,
                                                MmlMetaProvider   kind);
MmlSubtitleLanguagesGroup *
             mml_settings_view_get_subtitles_group (MmlSettingsView *self);
AdwActionRow *mml_settings_view_get_start_at_login_row (MmlSettingsView *self);
MmlSubtitleAccountGroup *
             mml_settings_view_get_subtitle_account_group (MmlSettingsView *self);
MmlHistoryGroup *
             mml_settings_view_get_history_group (MmlSettingsView *self);
MmlServersGroup *
             mml_settings_view_get_servers_group (MmlSettingsView *self);
MmlWebhookGroup *
             mml_settings_view_get_webhook_group (MmlSettingsView *self);

MmlMoveRulesGroup *
             mml_settings_view_get_move_rules_group (MmlSettingsView *self);

G_END_DECLS
