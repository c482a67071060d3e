/* mml-watch-event.h — what a media server's webhook says about watching
 *
 * The JSON a webhook carries, read into one struct whichever server sent
 * it; the sender is told from the body itself:
 *
 *   Plex      the "payload" part: {event, Account, Server, Metadata, …}
 *             media.scrobble                          → watched
 *             (Plex has no webhook for unscrobbling)
 *   Jellyfin  the webhook plugin's JSON: {NotificationType, ItemId, …}
 *             UserDataSaved with SaveReason TogglePlayed
 *                                 → watched if Played, else unwatched
 *             PlaybackStop with PlayedToCompletion    → watched
 *   Emby      {Event, Date, User, Item, Server, PlaybackInfo}
 *             item.markplayed                         → watched
 *             item.markunplayed                       → unwatched
 *             playback.stop with PlayedToCompletion   → watched
 *
 * Every other event is read all the same, with the action NONE. The
 * plugin's templates may write any value as a string: "True", "1" and
 * "12" count as the boolean and the number they spell, and an empty
 * string as a missing member.
 *
 * Strings are taken as they are only when they are valid UTF-8 of a sane
 * length (ids, types and dates at most MML_WATCH_EVENT_MAX_ID bytes and
 * without control characters; names, titles and paths at most
 * MML_WATCH_EVENT_MAX_TEXT); anything else makes the whole payload
 * invalid, as does a member of the wrong type.
 *
 * Pure: no I/O, no clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MML_WATCH_EVENT_MAX_ID   256
#define MML_WATCH_EVENT_MAX_TEXT 4096

typedef enum
{
  MML_WATCH_ACTION_NONE,
  MML_WATCH_ACTION_WATCHED,
  MML_WATCH_ACTION_UNWATCHED,
} MmlWatchAction;

typedef struct
{
  char           *sender;        /* "plex", "jellyfin", "emby" */
  char           *event;         /* the sender's own name: "media.scrobble",
                                  * "UserDataSaved", "item.markplayed" */
  MmlWatchAction  action;
  char           *server_id;     /* Plex Server.uuid, Jellyfin ServerId, Emby
                                  * Server.Id; nullable */
  char           *user_id;       /* Plex Account.id, Jellyfin UserId, Emby
                                  * User.Id; nullable */
  char           *user_name;     /* nullable */
  char           *item_id;       /* Plex ratingKey, Jellyfin ItemId, Emby
                                  * Item.Id; never NULL */
  char           *item_type;     /* "episode", "movie", …: lower-case; nullable */
  char           *title;         /* the item's own name; nullable */
  char           *series_title;  /* an episode's series; nullable */
  int             season;        /* an episode's season, -1 when unknown */
  int             episode;       /* an episode's number, -1 when unknown */
  char           *tvdb_id;       /* the item's own ids (an episode's, not its
                                  * series'); nullable */
  char           *imdb_id;
  char           *tmdb_id;
  char           *path;          /* the file on the media server; nullable */
  gint64          at;            /* when it happened, unix seconds; 0 unknown */
  char           *key;           /* de-duplication key, 64 hex digits: the
                                  * same delivery repeated gives the same key */
} MmlWatchEvent;

/* @payload: the webhook's JSON (see mml_webhook_request_get_payload()).
 * Returns a new event, or NULL with G_IO_ERROR_INVALID_DATA and a short
 * sentence: not an object, no sender recognised, no item id, a member of
 * the wrong type, a string too long or not UTF-8. */
MmlWatchEvent *mml_watch_event_parse      (JsonNode       *payload,
                                           GError        **error);
void           mml_watch_event_free       (MmlWatchEvent  *event);

/* "none", "watched", "unwatched" */
const char    *mml_watch_action_to_string (MmlWatchAction  action);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlWatchEvent, mml_watch_event_free)

G_END_DECLS
