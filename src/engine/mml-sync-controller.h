/* mml-sync-controller.h — media servers: accounts, path mappings, the
 * watch-status sync, its conflicts, and webhook events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mml-engine.h"
#include "mml-media-server.h"
#include "mml-server-store.h"

G_BEGIN_DECLS

#define MML_TYPE_SYNC_CONTROLLER (mml_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (MmlSyncController, mml_sync_controller, MML, SYNC_CONTROLLER, GObject)

/* What a user gives to add a server: a token (Plex token, Jellyfin/Emby
 * access token or API key) or, for Jellyfin/Emby, a user and password */
typedef struct
{
  MmlServerKind  kind;
  const char    *url;
  const char    *name;      /* nullable: the server's own name */
  const char    *token;     /* nullable with a password */
  const char    *user;      /* nullable */
  const char    *password;  /* nullable */
} MmlServerAccount;

/* Signs in (a password) or checks the token (Test), then adds the server
 * with its TV libraries and saves the token in the keyring; nothing is
 * added when any step fails. Returns the new row. */
void          mml_sync_controller_add_server_async    (MmlSyncController      *self,
                                                       const MmlServerAccount *account,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
MmlServerRow *mml_sync_controller_add_server_finish   (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

/* Every server (@id 0) or one. (element-type MmlServerRow) */
void          mml_sync_controller_list_servers_async  (MmlSyncController      *self,
                                                       gint64                  id,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
GPtrArray    *mml_sync_controller_list_servers_finish (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

/* Forgets the server and its token. */
void          mml_sync_controller_remove_server_async  (MmlSyncController     *self,
                                                        gint64                 id,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
gboolean      mml_sync_controller_remove_server_finish (MmlSyncController     *self,
                                                        GAsyncResult          *result,
                                                        GError               **error);

/* Test: the server's name, version, user and TV libraries, or the exact
 * failure (also kept as the server's last error). */
void           mml_sync_controller_test_server_async  (MmlSyncController     *self,
                                                       gint64                 id,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
MmlServerInfo *mml_sync_controller_test_server_finish (MmlSyncController     *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);

void          mml_sync_controller_map_path_async      (MmlSyncController      *self,
                                                       gint64                  id,
                                                       const char             *server_prefix,
                                                       const char             *local_prefix,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean      mml_sync_controller_map_path_finish     (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

/* --- the sync ---------------------------------------------------------------- */

/* How the sync of one server went */
typedef struct
{
  gint64  server_id;
  char   *name;
  guint   mapped_series;
  guint   unmapped_series;
  guint   mapped_episodes;
  guint   unmapped_episodes;
  guint   pulled;
  guint   pushed;       /* writes the server confirmed */
  guint   conflicts;
  guint   new_conflicts;   /* of those, opened by this sync */
  guint   unchanged;
  guint   requests;     /* HTTP requests sent to the server */
  guint   errors;
  char   *error;        /* the first error, nullable */
  double  seconds;
} MmlSyncReport;

void           mml_sync_report_free (MmlSyncReport *report);
/* {"id", "mapped_series", …}: the report as the CLI and the sync log print it (transfer full) */
char          *mml_sync_report_to_json (const MmlSyncReport *report);

/* Syncs server @server_id, or every enabled one (0), in turn: reads every
 * series and episode (paged), maps and merges them, sends the pushes and
 * moves the baselines of those the server confirmed. @dry_run: reads and
 * decides, writes nothing anywhere. A server that fails does not stop the
 * others: its report says why. Fails only when there is no such server.
 * (element-type MmlSyncReport) */
void          mml_sync_controller_sync_async          (MmlSyncController      *self,
                                                       gint64                  server_id,
                                                       gboolean                dry_run,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
GPtrArray    *mml_sync_controller_sync_finish         (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);
gboolean      mml_sync_controller_get_busy            (MmlSyncController      *self);

/* Open conflicts (see mml_store_list_sync_conflicts_async()) */
void          mml_sync_controller_list_conflicts_async  (MmlSyncController    *self,
                                                         guint                 kinds,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray    *mml_sync_controller_list_conflicts_finish (MmlSyncController    *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Keep the library's state (sent to the server, the conflict closes when
 * it confirms) or the server's (the library takes it). */
void          mml_sync_controller_resolve_async       (MmlSyncController      *self,
                                                       gint64                  conflict_id,
                                                       gboolean                keep_local,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean      mml_sync_controller_resolve_finish      (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

/* "Always prefer …": series @series_id settles its watch conflicts to
 * @prefer's side from now on (MML_WATCH_PREFER_NONE: ask again), and its
 * open watch conflicts are resolved that way now, one after the other.
 * @resolved: how many were. A conflict that fails to resolve stops it
 * with that error; those resolved before stay resolved. */
void          mml_sync_controller_prefer_async        (MmlSyncController      *self,
                                                       gint64                  series_id,
                                                       MmlWatchPrefer          prefer,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean      mml_sync_controller_prefer_finish       (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       guint                  *resolved,
                                                       GError                **error);

/* A server's series the library could not map (a match conflict) is
 * @series_id: the user's choice, kept by every sync after. */
void          mml_sync_controller_map_series_async    (MmlSyncController      *self,
                                                       gint64                  conflict_id,
                                                       gint64                  series_id,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean      mml_sync_controller_map_series_finish   (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

/* --- webhooks ------------------------------------------------------------------ */

/* Applies the webhook payload @payload (Plex, Jellyfin plugin or Emby):
 * G_IO_ERROR_INVALID_DATA when it is none of them. @event_out: (out)
 * (optional): a JSON line describing the event and what became of it. */
void              mml_sync_controller_apply_webhook_async  (MmlSyncController *self,
                                                            JsonNode          *payload,
                                                            GCancellable      *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer           user_data);
MmlWebhookOutcome mml_sync_controller_apply_webhook_finish (MmlSyncController *self,
                                                            GAsyncResult      *result,
                                                            char             **event_out,
                                                            GError           **error);

/* Starts the webhook receiver on @address (NULL: 127.0.0.1; "0.0.0.0" for
 * servers on the network) and @port (0: any free one). Returns the URL to
 * paste into the servers, "http://HOST:PORT/webhook/SECRET": the secret is
 * kept in the keyring, so the URL stays the same from one run to the next
 * (a new one when no keyring is available). Each accepted event is
 * applied, then announced by MmlSyncController::webhook with a JSON line
 * saying what it was and what became of it. Anything but that URL gets
 * 404; a body over 4 MiB 413; more than 60 requests a minute from one
 * address 429; a body that is no event of Plex, Jellyfin or Emby 400. */
void          mml_sync_controller_listen_async        (MmlSyncController      *self,
                                                       const char             *address,
                                                       guint                   port,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
char         *mml_sync_controller_listen_finish       (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);
void          mml_sync_controller_stop_listening      (MmlSyncController      *self);
/* The receiver's URL while it listens, else NULL ("webhook-url"); why its
 * last start failed, else NULL ("webhook-error"). Both notify. */
const char   *mml_sync_controller_get_webhook_url     (MmlSyncController      *self);
const char   *mml_sync_controller_get_webhook_error   (MmlSyncController      *self);
/* Requests the receiver refused for a wrong secret or path */
guint         mml_sync_controller_get_refused         (MmlSyncController      *self);

/* --- Plex sign-in ----------------------------------------------------------- */

/* A new PIN to show, with the page to enter it on */
void          mml_sync_controller_plex_pin_async      (MmlSyncController      *self,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
MmlPlexPin   *mml_sync_controller_plex_pin_finish     (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);
/* Waits (checking every second) until @pin is entered or expires
 * (G_IO_ERROR_TIMED_OUT), finds the account's servers, picks @name (NULL:
 * the first of one's own that answers) and adds it. */
void          mml_sync_controller_plex_link_async     (MmlSyncController      *self,
                                                       const MmlPlexPin       *pin,
                                                       const char             *name,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
MmlServerRow *mml_sync_controller_plex_link_finish    (MmlSyncController      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

G_END_DECLS
