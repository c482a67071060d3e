/* mml-subtitle-languages-group.h — Settings: the preferred subtitle languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"

G_BEGIN_DECLS

#define MML_TYPE_SUBTITLE_LANGUAGES_GROUP (mml_subtitle_languages_group_get_type ())

G_DECLARE_FINAL_TYPE (MmlSubtitleLanguagesGroup, mml_subtitle_languages_group, MML, SUBTITLE_LANGUAGES_GROUP, AdwPreferencesGroup)

void                mml_subtitle_languages_group_set_engine    (MmlSubtitleLanguagesGroup *self,
                                                                MmlEngine                 *engine);
void                mml_subtitle_languages_group_add           (MmlSubtitleLanguagesGroup *self,
                                                                const char                *code);
void                mml_subtitle_languages_group_set_languages (MmlSubtitleLanguagesGroup *self,
                                                                const char * const        *languages);

/* For tests */
const char * const *mml_subtitle_languages_group_get_languages (MmlSubtitleLanguagesGroup *self);
gboolean            mml_subtitle_languages_group_get_busy      (MmlSubtitleLanguagesGroup *self);
const char         *mml_subtitle_languages_group_get_error     (MmlSubtitleLanguagesGroup *self);
GtkButton          *mml_subtitle_languages_group_get_row_button (MmlSubtitleLanguagesGroup *self,
                                                                 guint                      index,
                                                                 guint                      which);

G_END_DECLS
