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
void  _mml_subtitles_controller_emit_fetched  (MmlSubtitlesController *self,
                                               const char * const     *series);
void  _mml_subtitles_controller_emit_quota_exhausted (MmlSubtitlesController *self,
                                                      gint64                  reset_at);

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

/* The code style preference (MML_PREF_SUBTITLE_CODE_STYLE) as stored,
 * "639-1" or "639-2" (the default, also for NULL or anything else) */
MmlSubtitleCodeStyle _mml_subtitle_code_style_from_pref (const char           *pref);
const char          *_mml_subtitle_code_style_to_pref   (MmlSubtitleCodeStyle  style);
/* The RTL punctuation preference (MML_PREF_SUBTITLE_FIX_RTL): on only
 * when stored as "1" */
gboolean             _mml_subtitle_fix_rtl_from_pref    (const char           *pref);

/* A downloaded subtitle as it is written: UTF-8, the RTL punctuation fixed
 * when @fix_rtl (one rule for a single download and a fetch run) */
GBytes              *_mml_subtitle_text_to_write        (const guint8         *data,
                                                         gsize                 len,
                                                         const char           *language,
                                                         gboolean              fix_rtl,
                                                         GError              **error);

/* The quota stop preference (MML_PREF_SUBTITLE_QUOTA_STOP): the unix time
 * before which no download is sent, or 0 when none is due any more */
gint64               _mml_subtitle_quota_stopped_until  (const char           *pref);

G_END_DECLS
