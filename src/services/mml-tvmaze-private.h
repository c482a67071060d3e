/* mml-tvmaze-private.h — shared by the TVmaze client's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-tvmaze.h"

G_BEGIN_DECLS

GPtrArray *_mml_tvmaze_parse_episodes (JsonArray *array);

G_END_DECLS
