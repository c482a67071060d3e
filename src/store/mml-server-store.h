/* mml-server-store.h — media servers as rows: the accounts (never their
 * tokens), their path mappings, the mapping of their items to the
 * library, the baselines of the watch merge, watch conflicts and the
 * webhook log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-store.h"
#include "mml-watch-sync.h"

G_BEGIN_DECLS

/* A server account */
typedef struct
{
  gint64    id;
  char     *kind;          /* "plex", "jellyfin", "emby" */
  char     *name;
  char     *url;
  char     *user_id;       /* nullable */
  char     *user_name;     /* nullable */
  char     *machine_id;    /* nullable */
  char     *version;       /* nullable */
  char     *libraries;     /* JSON list of {"id","title","locations"}; nullable: all TV libraries */
  gboolean  enabled;
  gint64    added_at;
  gint64    last_sync_at;  /* 0: never */
  char     *last_error;    /* nullable */
  char     *last_summary;  /* JSON counts of the last sync; nullable */
  GStrv     paths;         /* server prefix, local prefix, … (never NULL) */
  guint     mapped_series; /* the library's series mapped on it */
} MmlServerRow;

void          mml_server_row_free (MmlServerRow *row);
/* The folders @row's server names for its TV libraries, and those mapped
 * already, each once, in that order (transfer full; never NULL) */
GStrv         mml_server_row_dup_server_folders (const MmlServerRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlServerRow, mml_server_row_free)

/* Adds @row (kind, name, url, user…; id and times ignored); the new id. */
void          mml_store_add_server_async          (MmlStore            *self,
                                                   const MmlServerRow  *row,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gint64        mml_store_add_server_finish         (MmlStore            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Every server (@id 0) or one; (element-type MmlServerRow). An unknown
 * @id gives an empty list. */
void          mml_store_list_servers_async        (MmlStore            *self,
                                                   gint64               id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray    *mml_store_list_servers_finish       (MmlStore            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Forgets a server, its mappings, baselines and open watch conflicts.
 * G_IO_ERROR_NOT_FOUND for an unknown id. */
void          mml_store_remove_server_async       (MmlStore            *self,
                                                   gint64               id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      mml_store_remove_server_finish      (MmlStore            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* What Test found: the fields of @row that are not NULL replace the
 * stored ones (user_id, user_name, machine_id, version, libraries); a
 * NULL last_error clears the last error, else it is recorded. */
void          mml_store_update_server_async       (MmlStore            *self,
                                                   const MmlServerRow  *row,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      mml_store_update_server_finish      (MmlStore            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Maps @server_prefix to @local_prefix on server @id (replacing the
 * mapping of that prefix; an empty @local_prefix removes it). Both
 * checked with mml_server_prefix_valid(). */
void          mml_store_set_server_path_async     (MmlStore            *self,
                                                   gint64               id,
                                                   const char          *server_prefix,
                                                   const char          *local_prefix,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      mml_store_set_server_path_finish    (MmlStore            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* --- a sync ------------------------------------------------------------- */

/* A series as the server has it, its folder mapped to this desktop */
typedef struct
{
  char   *item_id;
  char   *title;
  int     year;
  gint64  tvdb_id;      /* 0: none */
  gint64  tmdb_id;
  char   *imdb_id;      /* nullable */
  char   *local_path;   /* nullable */
} MmlSyncSeries;

/* An episode as the server has it, and its state there */
typedef struct
{
  char          *item_id;
  char          *series_item_id;
  int            season;       /* -1: unknown */
  int            episode;      /* -1: unknown */
  int            episode_end;
  char          *local_path;   /* its file mapped to this desktop; nullable */
  MmlWatchState  state;
} MmlSyncEpisode;

void mml_sync_series_free  (MmlSyncSeries  *series);
void mml_sync_episode_free (MmlSyncEpisode *episode);

/* A write the server must get; the baseline moves when it is confirmed */
typedef struct
{
  char          *item_id;
  gint64         episode_id;
  MmlWatchState  state;        /* the library's, to send */
  gint64         conflict_id;  /* a resolution's push: the conflict; else 0 */
} MmlSyncPush;

void mml_sync_push_free (MmlSyncPush *push);

/* What one sync of one server found and did */
typedef struct
{
  guint      mapped_series;
  guint      unmapped_series;
  guint      mapped_episodes;
  guint      unmapped_episodes;
  guint      pulled;          /* library marks changed from the server */
  guint      conflicts;       /* open watch conflicts (new and waiting) */
  guint      new_conflicts;   /* of those, opened by this sync */
  guint      unchanged;
  GPtrArray *pushes;          /* (element-type MmlSyncPush) */
  GPtrArray *log;             /* (element-type utf8): what the sync log says of it */
} MmlSyncResult;

void mml_sync_result_free (MmlSyncResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSyncResult, mml_sync_result_free)

/* Maps @series and @episodes of server @server_id to the library (provider
 * ids, then the series folder or the files, then title and year; an
 * episode by its file, else by season and number), decides each mapped
 * episode by mml_watch_sync_decide() and, unless @dry_run, applies what
 * concerns the library in one transaction: pulls, baselines, new watch
 * conflicts, unmapped series as match conflicts. The pushes come back to
 * be sent; mml_store_sync_confirm_async() moves their baselines. */
void           mml_store_sync_apply_async   (MmlStore            *self,
                                             gint64               server_id,
                                             GPtrArray           *series,     /* (element-type MmlSyncSeries) (transfer none) */
                                             GPtrArray           *episodes,   /* (element-type MmlSyncEpisode) (transfer none) */
                                             gboolean             lossy_dates,
                                             gboolean             dry_run,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
MmlSyncResult *mml_store_sync_apply_finish  (MmlStore            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The end of a sync of @server_id: the baselines of the @confirmed pushes
 * (element-type MmlSyncPush) move to what was sent (a push that resolves
 * a conflict closes it), the server's last sync time, @error_text (NULL:
 * none), @summary_json and a line of the sync log are written. */
void           mml_store_sync_confirm_async  (MmlStore            *self,
                                              gint64               server_id,
                                              GPtrArray           *confirmed,
                                              const char          *error_text,
                                              const char          *summary_json,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       mml_store_sync_confirm_finish (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* --- conflicts of the sync ------------------------------------------------ */

typedef enum
{
  MML_SYNC_CONFLICT_WATCH,
  MML_SYNC_CONFLICT_MATCH,
} MmlSyncConflictKind;

typedef struct
{
  gint64               id;
  MmlSyncConflictKind  kind;
  gint64               series_id;       /* 0: none */
  char                *series_title;    /* nullable */
  gint64               episode_id;      /* 0: none */
  int                  season;          /* -1: none */
  int                  episode;         /* -1: none */
  gint64               server_id;       /* 0: not a server's (a metadata match conflict) */
  char                *server_item_id;  /* nullable */
  char                *title;           /* match: what the server calls it; nullable */
  MmlWatchState        local;
  MmlWatchState        server;
  gint64               created_at;
} MmlSyncConflict;

void mml_sync_conflict_free (MmlSyncConflict *conflict);

/* Open conflicts: watch, match (the server's unmapped series and the
 * metadata's match conflicts), or both (@kinds: 1 << kind, 0: all). */
void       mml_store_list_sync_conflicts_async  (MmlStore            *self,
                                                 guint                kinds,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray *mml_store_list_sync_conflicts_finish (MmlStore            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Resolves open watch conflict @id by the server's state: the library
 * takes it and the baseline moves; or, @keep_local, only checks that it
 * is an open watch conflict and returns the push to send (then confirm).
 * G_IO_ERROR_NOT_FOUND when @id is no open watch conflict. */
void         mml_store_resolve_watch_conflict_async  (MmlStore            *self,
                                                      gint64               id,
                                                      gboolean             keep_local,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* @push: (out) (nullable): with @keep_local, the push for the server */
gboolean     mml_store_resolve_watch_conflict_finish (MmlStore            *self,
                                                      GAsyncResult        *result,
                                                      gint64              *server_id,
                                                      MmlSyncPush        **push,
                                                      GError             **error);

/* What series @series_id prefers in its watch conflicts from now on
 * (MML_WATCH_PREFER_NONE: ask). Open conflicts stay open: the engine
 * resolves them (mml_sync_controller_prefer_async()). Fails with
 * G_IO_ERROR_NOT_FOUND when there is no such series. */
void         mml_store_set_watch_prefer_async       (MmlStore            *self,
                                                     gint64               series_id,
                                                     MmlWatchPrefer       prefer,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     mml_store_set_watch_prefer_finish      (MmlStore            *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Resolves open match conflict @id (a server's series the library could
 * not map) with the user's choice: the server's series is @series_id from
 * now on (kept by every sync after), and the conflict closes. Fails with
 * G_IO_ERROR_NOT_FOUND when @id is no open match conflict of a server or
 * there is no series @series_id. */
void         mml_store_map_server_series_async      (MmlStore            *self,
                                                     gint64               id,
                                                     gint64               series_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     mml_store_map_server_series_finish     (MmlStore            *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* --- webhooks --------------------------------------------------------------- */

/* An event a webhook brought, in the store's terms */
typedef struct
{
  char     *key;        /* de-duplication */
  char     *sender;     /* "plex", "jellyfin", "emby" */
  char     *event;
  char     *machine_id; /* the sending server's id; nullable */
  char     *item_id;
  int       action;     /* 0 none, 1 watched, 2 unwatched (MmlWatchAction) */
  gint64    at;
  char     *event_json;
} MmlWebhookRecord;

/* What became of a webhook event */
typedef enum
{
  MML_WEBHOOK_APPLIED,      /* the library changed */
  MML_WEBHOOK_UNCHANGED,    /* in step already (or a conflict was opened) */
  MML_WEBHOOK_UNMAPPED,     /* kept; retried after the next sync */
  MML_WEBHOOK_IGNORED,      /* not a watch change, or no known server sent it */
  MML_WEBHOOK_DUPLICATE,    /* the same delivery again: nothing done */
} MmlWebhookOutcome;

const char *mml_webhook_outcome_to_string (MmlWebhookOutcome outcome);

void              mml_store_apply_webhook_async  (MmlStore               *self,
                                                  const MmlWebhookRecord *record,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
/* @server_id: (out) (optional): the server it was taken as from, 0: none */
MmlWebhookOutcome mml_store_apply_webhook_finish (MmlStore               *self,
                                                  GAsyncResult           *result,
                                                  gint64                 *server_id,
                                                  GError                **error);

G_END_DECLS
