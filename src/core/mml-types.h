/* mml-types.h — shared enums and error domains of libmml
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MML_STORE_ERROR (mml_store_error_quark ())

/**
 * MmlStoreError:
 * @MML_STORE_ERROR_FAILED: SQLite reported an error
 * @MML_STORE_ERROR_TOO_NEW: the database was written by a newer version
 * @MML_STORE_ERROR_CORRUPT: the file is not a usable database
 * @MML_STORE_ERROR_NOT_FOUND: no row with that id
 * @MML_STORE_ERROR_INVALID: the input was refused (bad path, kind…)
 * @MML_STORE_ERROR_OVERLAP: a library root would overlap another one
 * @MML_STORE_ERROR_CLOSED: the store was closed
 */
typedef enum
{
  MML_STORE_ERROR_FAILED,
  MML_STORE_ERROR_TOO_NEW,
  MML_STORE_ERROR_CORRUPT,
  MML_STORE_ERROR_NOT_FOUND,
  MML_STORE_ERROR_INVALID,
  MML_STORE_ERROR_OVERLAP,
  MML_STORE_ERROR_CLOSED,
} MmlStoreError;

typedef enum
{
  MML_ROOT_KIND_STANDARD,
  MML_ROOT_KIND_ANIME,
  MML_ROOT_KIND_DAILY,
} MmlRootKind;

GQuark       mml_store_error_quark     (void);
const char  *mml_root_kind_to_string   (MmlRootKind  kind);
gboolean     mml_root_kind_from_string (const char  *str,
                                        MmlRootKind *kind);

G_END_DECLS
