/* mml-library-session-private.h — what the parts of MmlLibrarySession share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mml-library-session.c has the models and their reloads,
 * mml-library-session-roots.c the library folders, and
 * mml-library-session-scan.c the scan queue and its progress, and
 * mml-library-session-meta*.c / -conflicts.c matching, refresh and the
 * match conflicts (their state is in mml-library-session-meta-private.h).
 */
#pragma once

#include "mml-library-session.h"

G_BEGIN_DECLS

struct _MmlLibrarySession
{
  GObject            parent_instance;

  MmlStore          *store;
  MmlWatcher        *watcher;
  gboolean           watch;     /* start a watcher once the store is open */
  GListStore        *roots;
  GListStore        *series;
  GListStore        *unrecognised;
  MmlLibraryTotals  *totals;

  GCancellable      *cancellable;          /* cancelled on shutdown */
  GCancellable      *reload_cancellable;   /* the reload in flight */
  guint              reload_pending;
  guint              reload_source;

  GCancellable      *scan_cancellable;
  GQueue             scan_queue;           /* (element-type ScanRequest) */
  gint64             scan_root_id;
  double             scan_fraction;
  char              *scan_text;

  struct _MmlSessionMeta *meta;            /* mml-library-session-meta-private.h */

  guint              ready : 1;
  guint              loading : 1;
  guint              scanning : 1;
  guint              shut_down : 1;
};

enum {
  PROP_0,
  PROP_READY,
  PROP_LOADING,
  PROP_TOTALS,
  PROP_SCANNING,
  PROP_SCAN_ROOT_ID,
  PROP_SCAN_FRACTION,
  PROP_SCAN_TEXT,
  PROP_WATCHER,
  /* metadata */
  PROP_META_RUN,
  PROP_META_BUSY,
  PROP_META_FRACTION,
  PROP_META_TEXT,
  PROP_META_WAITING,
  N_PROPS
};

void _mml_library_session_notify             (MmlLibrarySession *self,
                                              guint              prop_id);
void _mml_library_session_report_error       (MmlLibrarySession *self,
                                              const char        *what,
                                              const GError      *error);
void _mml_library_session_emit_scan_finished (MmlLibrarySession *self,
                                              MmlScanSummary    *summary,
                                              const GError      *error);
void _mml_library_session_start_next_scan    (MmlLibrarySession *self);

/* metadata: mml-library-session-meta.c and -conflicts.c (the reload) */
void _mml_library_session_meta_class_init    (GObjectClass      *klass,
                                              GParamSpec       **properties);
void _mml_library_session_meta_init          (MmlLibrarySession *self);
void _mml_library_session_meta_opened        (MmlLibrarySession *self);
void _mml_library_session_meta_reload        (MmlLibrarySession *self);
void _mml_library_session_meta_shutdown      (MmlLibrarySession *self);
void _mml_library_session_meta_finalize      (MmlLibrarySession *self);
void _mml_library_session_meta_get_property  (MmlLibrarySession *self,
                                              guint              prop_id,
                                              GValue            *value);

G_END_DECLS
