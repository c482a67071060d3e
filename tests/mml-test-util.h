/* mml-test-util.h — helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-store.h"

G_BEGIN_DECLS

char *mml_test_make_tmpdir (const char *tmpl);
void  mml_test_remove_tree (const char *path);
void  mml_test_store_exec  (MmlStore   *store,
                            const char *sql);

G_END_DECLS
