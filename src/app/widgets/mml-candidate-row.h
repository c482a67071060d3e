/* mml-candidate-row.h — a show a series folder may be, as a row with its
 * poster, year, network, what tells it apart, overview, score and Confirm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-poster-cache.h"

#include "mml-metadata.h"

G_BEGIN_DECLS

typedef struct
{
  const char *provider;   /* "tvmaze"… */
  gint64      id;         /* at @provider */
  const char *title;
  int         year;       /* 0: unknown */
  const char *network;    /* nullable */
  const char *country;    /* nullable */
  const char *overview;   /* nullable */
  double      score;      /* 0..1; < 0: none to show */
  const char *reasons;    /* nullable: why that score */
  const char *evidence;   /* nullable: what tells it apart, "8 seasons, 139 episodes · 137 of the 139 on disk · 1986 · US" */
  const char *poster;     /* nullable: the poster's URL */
  MmlPosterCache *cache;  /* nullable: where posters load from; NULL: a tinted placeholder */
} MmlCandidateInfo;

GtkWidget  *mml_candidate_row_new                (const MmlCandidateInfo *info,
                                                  MmlMetaProvider         primary);
GtkButton  *mml_candidate_row_get_confirm_button (GtkWidget              *row);
gboolean    mml_candidate_row_get_can_confirm    (GtkWidget              *row);
gint64      mml_candidate_row_get_provider_id    (GtkWidget              *row);
const char *mml_candidate_row_get_title          (GtkWidget              *row);
void        mml_candidate_row_set_in_library     (GtkWidget              *row,
                                                  const char             *where);
const char *mml_candidate_row_get_in_library     (GtkWidget              *row);

GtkWidget  *mml_note_row_new                     (const char             *title,
                                                  const char             *subtitle,
                                                  const char             *icon_name);
char       *mml_title_with_year                  (const char             *title,
                                                  int                     year);
char       *mml_join_reasons                     (GPtrArray              *reasons);

G_END_DECLS
