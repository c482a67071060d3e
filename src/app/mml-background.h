/* mml-background.h — running in the background with the desktop's
 * consent: the background portal, or an autostart file where none answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MML_TYPE_BACKGROUND (mml_background_get_type ())

G_DECLARE_FINAL_TYPE (MmlBackground, mml_background, MML, BACKGROUND, GObject)

/* Whether org.freedesktop.portal.Background answers on the session bus */
typedef enum
{
  MML_BACKGROUND_PORTAL_UNKNOWN,   /* not asked yet */
  MML_BACKGROUND_PORTAL_PRESENT,
  MML_BACKGROUND_PORTAL_ABSENT,    /* start at login is an autostart file */
} MmlBackgroundPortal;

/* The command line that starts the application at login */
#define MML_BACKGROUND_BINARY "my-media-library"
#define MML_BACKGROUND_OPTION "--background"

/* SetStatus at most this often (the portal refuses faster ones anyway) */
#define MML_BACKGROUND_STATUS_GAP_MS (60 * 1000)

MmlBackground      *mml_background_new            (GDBusConnection *connection,
                                                   const char      *app_id);
/* Asks the portal whether it is there (and its version); "notify::portal" */
void                mml_background_probe          (MmlBackground   *self);
/* Asks to run in the background and to start at login (@autostart) or
 * not; where no portal answers, writes or removes the autostart file */
void                mml_background_request        (MmlBackground   *self,
                                                   gboolean         autostart);
/* What the desktop shows of the application running in the background
 * (portal version 2 and later), at most once a minute: a newer text
 * waits and replaces one waiting */
void                mml_background_set_status     (MmlBackground   *self,
                                                   const char      *message);

MmlBackgroundPortal mml_background_get_portal     (MmlBackground   *self);
guint               mml_background_get_version    (MmlBackground   *self);
/* The portal's last answer: background allowed (TRUE until it says no) */
gboolean            mml_background_get_allowed    (MmlBackground   *self);
/* $XDG_CONFIG_HOME/autostart/<app id>.desktop (transfer full) */
char               *mml_background_get_autostart_path (MmlBackground *self);

/* for tests: the least time between two SetStatus calls */
void                mml_background_set_status_gap_ms (MmlBackground *self,
                                                      guint          ms);

G_END_DECLS
