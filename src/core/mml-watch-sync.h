/* mml-watch-sync.h — the rules of keeping watched marks in step with a
 * media server: the three-way merge of one episode, and the path mappings
 * between what a server sees and what this desktop sees (titles compare
 * with mml_matcher_normalize_title()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The merge, once.  Per server and episode the store keeps a *baseline*:
 * the state both sides had after the last sync that confirmed it.  A side
 * *changed* when its watched flag differs from the baseline's, or when it
 * is watched and was watched again since (more plays, or a later date —
 * but a server whose dates are lossy, Plex, is judged by its plays alone).
 *
 *  - Neither changed: nothing to do.
 *  - One changed: it wins.  When its flag differs from the other side's,
 *    that side is written (pull to the library, push to the server);
 *    otherwise only the baseline moves.  Un-watching is a change like any
 *    other: a stale "watched" on the other side never undoes it.
 *  - Both changed to the same flag: the baseline moves.
 *  - Both changed to different flags: a watch conflict, written to
 *    neither side until the user resolves it.
 *
 * Without a baseline (the first sync with a server) equal flags just set
 * it, and where they differ watched wins: the first sync never un-watches
 * anything.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One side's state of an episode */
typedef struct
{
  gboolean watched;
  gint64   at;      /* unix seconds of the last viewing; 0: unknown */
  int      plays;
} MmlWatchState;

typedef enum
{
  MML_SYNC_NOTHING,    /* in step, baseline as it is */
  MML_SYNC_BASELINE,   /* in step: only the baseline moves (to the server's state) */
  MML_SYNC_PULL,       /* the library takes the server's state */
  MML_SYNC_PUSH,       /* the server takes the library's state */
  MML_SYNC_CONFLICT,   /* both changed, differently: ask the user */
} MmlSyncAction;

/* Why, for the sync log: "first sync: watched wins", "un-watched here"… (static) */
typedef struct
{
  MmlSyncAction  action;
  const char    *reason;
} MmlSyncDecision;

/* @baseline: NULL when there is none yet. @lossy_dates: the server's dates
 * say when it last recorded a play, not when it happened (Plex). */
MmlSyncDecision mml_watch_sync_decide (const MmlWatchState *local,
                                       const MmlWatchState *server,
                                       const MmlWatchState *baseline,
                                       gboolean             lossy_dates);

const char     *mml_sync_action_to_string (MmlSyncAction action);

/* What a series' user chose for its watch conflicts ("always prefer …"):
 * a conflict of that series settles by itself, to that side. */
typedef enum
{
  MML_WATCH_PREFER_NONE,     /* ask: a watch conflict */
  MML_WATCH_PREFER_LOCAL,    /* the library's mark wins: pushed */
  MML_WATCH_PREFER_SERVER,   /* the server's mark wins: pulled */
} MmlWatchPrefer;

/* "local", "server"; NULL for none (the store keeps NULL) */
const char     *mml_watch_prefer_to_string   (MmlWatchPrefer  prefer);
/* "local", "server", "none" (and NULL: none); FALSE for anything else */
gboolean        mml_watch_prefer_from_string (const char     *str,
                                              MmlWatchPrefer *prefer);

/* @decision as a series with @prefer takes it: a conflict becomes a push
 * or a pull; every other decision is kept. */
MmlSyncDecision mml_watch_sync_settle        (MmlSyncDecision decision,
                                              MmlWatchPrefer  prefer);

/* --- path mappings -------------------------------------------------------
 *
 * A server path is normalised ('\\' to '/', no trailing '/', repeated '/'
 * folded) and compared by whole components, the longest server prefix
 * first ("/data/tv" never maps "/data/tv2/…"); case-insensitively when it
 * starts with a drive letter ("D:/TV"). */

/* @server_path normalised (transfer full); NULL for an empty path */
char     *mml_server_path_normalize (const char         *server_path);

/* @prefixes: pairs server prefix, local prefix, … NULL-terminated.
 * Returns the local path of @server_path, or NULL when no prefix holds it
 * (then the server path itself is the only guess). */
char     *mml_server_path_map       (const char * const *prefixes,
                                     const char         *server_path);

/* Whether a prefix typed by the user is usable: absolute ("/…", "D:\…",
 * "\\\\nas\\share"), no ".." component, no control characters. */
gboolean  mml_server_prefix_valid   (const char         *prefix,
                                     GError            **error);

G_END_DECLS
