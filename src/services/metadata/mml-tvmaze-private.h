/* mml-tvmaze-private.h — shared by the TVmaze client's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-provider.h"
#include "mml-tvmaze.h"

G_BEGIN_DECLS

GPtrArray *_mml_tvmaze_parse_episodes (JsonArray *array);

/* mml-tvmaze.c: GET base URL + @path_and_query (cached @ttl seconds, 0:
 * never from the disk cache) */
void       _mml_tvmaze_fetch          (MmlTvmaze           *self,
                                       const char          *path_and_query,
                                       guint                ttl,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* MALFORMED: TVmaze sent @what ("an answer") that is not a show */
GError    *_mml_tvmaze_not_a_show_error (const char        *what);

/* mml-tvmaze-provider.c */
void       _mml_tvmaze_provider_init  (MmlProviderInterface *iface);

G_END_DECLS
