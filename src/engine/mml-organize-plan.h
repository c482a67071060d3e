/* mml-organize-plan.h — the organiser's plan: where each video and the
 * sidecars that follow it go, what is in the way, and the order of the
 * renames that never collide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure: the disk is asked through MmlOrganizeDisk (the engine gives the
 * real one on a worker thread, tests a fake). Each folder is listed once;
 * whether a target is taken is looked up in its folder's listing.
 */
#pragma once

#include <glib.h>

#include "mml-journal-store.h"
#include "mml-naming.h"
#include "mml-organize-store.h"

G_BEGIN_DECLS

typedef enum
{
  MML_ORGANIZE_KIND_VIDEO,
  MML_ORGANIZE_KIND_SUBTITLE,
  MML_ORGANIZE_KIND_NFO,
  MML_ORGANIZE_KIND_ARTWORK,
} MmlOrganizeKind;

typedef enum
{
  MML_ORGANIZE_NONE,     /* already right */
  MML_ORGANIZE_RENAME,   /* same folder */
  MML_ORGANIZE_MOVE,     /* same file system, other folder */
  MML_ORGANIZE_COPY,     /* other file system */
} MmlOrganizeAction;

/* One file of the plan */
typedef struct
{
  gint64             file_id;    /* 0: an .nfo or artwork the store does not know */
  gint64             follows;    /* a sidecar: its video's file id; else 0 */
  MmlOrganizeKind    kind;
  gint64             root_id;
  char              *root;       /* absolute */
  char              *from;       /* relative to the root */
  char              *to;         /* relative to the root */
  MmlOrganizeAction  action;
  char              *problem;    /* NULL: it is done (or nothing to do) */
} MmlOrganizeOp;

/* One step of the order the plan runs in */
typedef struct
{
  MmlJournalOp  op;       /* rename or mkdir */
  char         *source;   /* absolute; NULL for mkdir */
  char         *target;   /* absolute */
  guint         unit;     /* steps of one unit (a chain, a cycle) run together */
  int           file;     /* the op (index in the plan) a rename moves; -1 */
  gboolean      last;     /* the op's last step: it is where it goes */
} MmlOrganizeStep;

/* What the planner asks the disk. mml_organize_plan() lists folders on
 * worker threads while it makes the names: the callbacks may run on
 * several threads at once, and must be safe for that (the real disk's
 * lstat(), stat() and readdir() are; a fake must lock what it shares). */
typedef struct
{
  /* whether something is at @path (lstat) */
  gboolean   (*exists) (const char *path, gpointer data);
  /* the device of @path, or of the nearest folder above it that exists */
  guint64    (*device) (const char *path, gpointer data);
  /* the names in a folder as the disk lists them, newly allocated; NULL:
   * the folder cannot be listed (then @exists answers for each path) */
  char     **(*list)   (const char *dir, gpointer data);
  gpointer   data;
} MmlOrganizeDisk;

const char  *mml_organize_kind_to_string   (MmlOrganizeKind    kind);
const char  *mml_organize_action_to_string (MmlOrganizeAction  action);
void         mml_organize_op_free          (MmlOrganizeOp     *op);
void         mml_organize_step_free        (MmlOrganizeStep   *step);

/* The operations for @videos (element-type MmlOrganizeVideo), each video
 * followed by its sidecars. A video's name is shortened (in its episode
 * title) so that its sidecars, named after it, fit in 255 bytes too; a
 * sidecar that still cannot is a problem ("name too long") and stays.
 * (element-type MmlOrganizeOp) */
GPtrArray   *mml_organize_plan             (GPtrArray              *videos,
                                            const MmlNamingConfig  *config,
                                            const MmlOrganizeDisk  *disk);

/* The steps that carry out the ops without a problem: folders to make
 * first (parents first), then the renames, each after the one that frees
 * its target; a cycle goes through a temporary name beside its first file.
 * @rmdirs (out, element-type filename): folders the renames may leave
 * empty, deepest first. (element-type MmlOrganizeStep) */
GPtrArray   *mml_organize_plan_steps       (GPtrArray              *ops,
                                            const MmlOrganizeDisk  *disk,
                                            GPtrArray             **rmdirs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlOrganizeOp, mml_organize_op_free)

G_END_DECLS
