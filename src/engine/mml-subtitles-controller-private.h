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

G_END_DECLS
