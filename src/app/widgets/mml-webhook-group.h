/* mml-webhook-group.h — Settings: the webhook receiver, its switch and
 * the address to give the media servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"

G_BEGIN_DECLS

#define MML_TYPE_WEBHOOK_GROUP (mml_webhook_group_get_type ())

G_DECLARE_FINAL_TYPE (MmlWebhookGroup, mml_webhook_group, MML, WEBHOOK_GROUP, AdwPreferencesGroup)

void        mml_webhook_group_set_engine (MmlWebhookGroup *self,
                                          MmlEngine       *engine);

/* For tests: the address shown (NULL while none), the error shown */
const char *mml_webhook_group_get_url    (MmlWebhookGroup *self);
const char *mml_webhook_group_get_error  (MmlWebhookGroup *self);

G_END_DECLS
