/* mml-library-session-meta-private.h — what the metadata parts of
 * MmlLibrarySession share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mml-library-session-meta.c has the runs, their queue and progress,
 * mml-library-session-meta-auto.c the keys and the automatic work,
 * mml-library-session-conflicts.c the match conflicts and the choices.
 */
#pragma once

#include "mml-library-session-private.h"

G_BEGIN_DECLS

typedef enum {
  JOB_MATCH,
  JOB_REFRESH,
} MetaJobKind;

typedef struct
{
  MetaJobKind    kind;
  MmlMetaTargets which;       /* JOB_MATCH */
  gboolean       all;         /* JOB_REFRESH */
  gint64         series_id;
  gboolean       scheduled;   /* JOB_REFRESH: the periodic one */
} MetaJob;

typedef struct _MmlSessionMeta MmlSessionMeta;

struct _MmlSessionMeta
{
  GSettings       *settings;
  MmlHttp         *http;
  MmlMetaRun      *run;
  MmlMetaProvider  kind;          /* the run's provider */
  char            *key;           /* its key and PIN, from the keyring */
  char            *pin;
  guint            keys_pending;  /* keyring lookups in flight */
  GCancellable    *keys_cancellable;

  GQueue           queue;         /* (element-type MetaJob) */
  MetaJob         *current;
  GCancellable    *job_cancellable;
  gboolean         requeue;       /* the current job was cancelled to be run again */

  gboolean         busy;
  gboolean         waiting;
  double           fraction;
  char            *text;
  guint            done;
  guint            total;
  double           eta;

  GListStore      *conflicts;     /* (element-type MmlMatchConflictItem) */
  GCancellable    *conflicts_cancellable;

  guint            reload_source;
  gint64           last_reload;   /* monotonic µs */
  guint            refresh_timer;
  guint            n_series;      /* last totals seen: more means new series */
  gboolean         have_totals;
};

/* mml-library-session-meta.c */
void            _mml_session_meta_wipe            (char              *text);
GSettings      *_mml_session_meta_get_settings    (MmlLibrarySession *self);
MmlMetaProvider _mml_session_meta_primary_kind    (MmlLibrarySession *self);
void            _mml_session_meta_reload_now      (MmlLibrarySession *self);
void            _mml_session_meta_rebuild_run     (MmlLibrarySession *self);
gboolean        _mml_session_meta_provider_usable (MmlLibrarySession *self);
void            _mml_session_meta_start_next_job  (MmlLibrarySession *self);
void            _mml_session_meta_queue_match     (MmlLibrarySession *self,
                                                   MmlMetaTargets     which,
                                                   gint64             series_id);
void            _mml_session_meta_queue_refresh   (MmlLibrarySession *self,
                                                   gboolean           all,
                                                   gint64             series_id,
                                                   gboolean           scheduled);

/* mml-library-session-meta-auto.c */
void            _mml_session_meta_auto_init       (MmlLibrarySession *self);
void            _mml_session_meta_auto_start      (MmlLibrarySession *self);
void            _mml_session_meta_load_keys       (MmlLibrarySession *self);

G_END_DECLS
