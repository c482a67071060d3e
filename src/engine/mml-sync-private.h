/* mml-sync-private.h — what the sync controller's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-sync-controller.h"
#include "mml-webhook-server.h"
#include "mml-watch-event.h"

G_BEGIN_DECLS

/* The key of the preference holding this installation's client id
 * (X-Plex-Client-Identifier, the MediaBrowser DeviceId): not a secret. */
#define MML_PREF_SERVER_CLIENT_ID "servers.client-id"

struct _MmlSyncController
{
  GObject    parent_instance;

  MmlEngine *engine;      /* owns us */
  MmlStore  *store;
  char      *client_id;   /* read once */
  guint      busy;        /* syncs running */
  MmlWebhookServer *webhooks; /* the receiver, while listening */
  char      *webhook_url;   /* its URL while listening */
  char      *webhook_error; /* why the last start failed */
};

/* A client of server @row with @token. (transfer full) */
MmlMediaServer *_mml_sync_new_client        (MmlSyncController *self,
                                             const MmlServerRow *row,
                                             const char         *token);

/* The client id (from the store, made the first time), then the server
 * row @id and its token: the start of every call that talks to a server.
 * G_IO_ERROR_NOT_FOUND for no such server; MML_SECRETS_ERROR or
 * G_IO_ERROR_PERMISSION_DENIED ("no token") when the token is missing. */
void            _mml_sync_prepare_async     (MmlSyncController  *self,
                                             gint64              id,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
MmlServerRow   *_mml_sync_prepare_finish    (MmlSyncController  *self,
                                             GAsyncResult       *result,
                                             char              **token,
                                             GError            **error);

void            _mml_sync_emit_changed      (MmlSyncController  *self);
void            _mml_sync_emit_conflicts_found (MmlSyncController *self,
                                                guint              n_new);
/* mml_sync_controller_apply_webhook_async() of an event already parsed
 * (transfer full); finish with mml_sync_controller_apply_webhook_finish() */
void            _mml_sync_apply_event_async (MmlSyncController  *self,
                                             MmlWatchEvent      *event,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
/* Sets "webhook-url" and "webhook-error" (each nullable) and notifies */
void            _mml_sync_set_webhook_state (MmlSyncController  *self,
                                             const char         *url,
                                             const char         *error);

G_END_DECLS
