/* mml-subtitles-controller-private.h — what the subtitles controller's
 * files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-opensubtitles.h"
#include "mml-subtitles-controller.h"

G_BEGIN_DECLS

struct _MmlSubtitlesController
{
  GObject           parent_instance;

  MmlEngine        *engine;        /* owns us */
  MmlStore         *store;
  MmlOpenSubtitles *client;        /* made on first use */
  gboolean          fetching;
};

void  _mml_subtitles_controller_emit_changed  (MmlSubtitlesController *self);
void  _mml_subtitles_controller_emit_progress (MmlSubtitlesController *self,
                                               guint                   done,
                                               guint                   total);

/* Called with the client once the account is read (a task that fails
 * when no API key is known never gets here) */
typedef void (*MmlSubtitlesClientReady) (GTask *task, MmlOpenSubtitles *client);

void  _mml_subtitles_controller_with_client   (GTask                   *task,
                                               MmlSubtitlesClientReady  ready);
void  _mml_subtitles_controller_save_quota    (MmlSubtitlesController *self,
                                               const MmlSubtitleQuota *quota,
                                               gboolean                exhausted,
                                               int                    *out_left,
                                               gint64                 *out_reset);

G_END_DECLS
