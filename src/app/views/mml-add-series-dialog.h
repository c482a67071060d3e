/* mml-add-series-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"

G_BEGIN_DECLS

#define MML_TYPE_ADD_SERIES_DIALOG (mml_add_series_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MmlAddSeriesDialog, mml_add_series_dialog, MML, ADD_SERIES_DIALOG, AdwWindow)

MmlAddSeriesDialog *mml_add_series_dialog_new             (MmlEngine  *engine,
                                                           GtkWindow          *parent);
void                mml_add_series_dialog_search          (MmlAddSeriesDialog *self,
                                                           const char         *text);
gboolean            mml_add_series_dialog_get_searching   (MmlAddSeriesDialog *self);
guint               mml_add_series_dialog_get_n_results   (MmlAddSeriesDialog *self);
void                mml_add_series_dialog_select          (MmlAddSeriesDialog *self,
                                                           guint               index);
const char         *mml_add_series_dialog_get_folder_name (MmlAddSeriesDialog *self);
void                mml_add_series_dialog_set_folder_name (MmlAddSeriesDialog *self,
                                                           const char         *name);
gboolean            mml_add_series_dialog_get_can_add     (MmlAddSeriesDialog *self);
gboolean            mml_add_series_dialog_get_busy        (MmlAddSeriesDialog *self);
const char         *mml_add_series_dialog_get_message     (MmlAddSeriesDialog *self);
gboolean            mml_add_series_dialog_get_finding     (MmlAddSeriesDialog *self);
gboolean            mml_add_series_dialog_get_result_in_library (MmlAddSeriesDialog *self,
                                                                 guint               index);
const char         *mml_add_series_dialog_get_in_library  (MmlAddSeriesDialog *self);

G_END_DECLS
