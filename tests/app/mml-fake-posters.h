/* mml-fake-posters.h — poster images the fake servers generate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-fake-server.h"

G_BEGIN_DECLS

/* Serves a 340×500 PNG drawn from the last part of the request path
 * ("…/harbour-lights.png", the recorded TVmaze search's "78286.jpg"):
 * register it for the image paths ("/posters/" and below). */
void mml_fake_posters_handler (MmlFakeServer     *fake,
                               SoupServerMessage *msg,
                               const char        *path,
                               GHashTable        *query,
                               gpointer           user_data);

G_END_DECLS
