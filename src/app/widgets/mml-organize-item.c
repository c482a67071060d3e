/* mml-organize-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An MmlOrganizeOp as a GObject with the properties the preview's rows
 * bind to: the paths for display, the kind and the action in words with
 * an icon, and the problem. Made once per operation by the dialog; never
 * changes.
 */

#define G_LOG_DOMAIN "mml-organize"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-organize-item.h"

struct _MmlOrganizeItem
{
  GObject            parent_instance;

  char              *from;      /* for display */
  char              *to;        /* for display */
  char              *problem;
  MmlOrganizeKind    kind;
  MmlOrganizeAction  action;
};

G_DEFINE_FINAL_TYPE (MmlOrganizeItem, mml_organize_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FROM,
  PROP_TO,
  PROP_KIND_LABEL,
  PROP_KIND_ICON,
  PROP_ACTION_LABEL,
  PROP_PROBLEM,
  PROP_HAS_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_label (MmlOrganizeKind kind)
{
  switch (kind)
    {
    case MML_ORGANIZE_KIND_SUBTITLE:
      return _("Subtitle");
    case MML_ORGANIZE_KIND_NFO:
      return _("NFO");
    case MML_ORGANIZE_KIND_ARTWORK:
      return _("Artwork");
    case MML_ORGANIZE_KIND_VIDEO:
    default:
      return _("Video");
    }
}

static const char *
kind_icon (MmlOrganizeKind kind)
{
  switch (kind)
    {
    case MML_ORGANIZE_KIND_SUBTITLE:
      return "media-view-subtitles-symbolic";
    case MML_ORGANIZE_KIND_NFO:
      return "text-x-generic-symbolic";
    case MML_ORGANIZE_KIND_ARTWORK:
      return "image-x-generic-symbolic";
    case MML_ORGANIZE_KIND_VIDEO:
    default:
      return "video-x-generic-symbolic";
    }
}

static const char *
action_label (MmlOrganizeItem *self)
{
  if (self->problem != NULL)
    return _("Left alone");
  switch (self->action)
    {
    case MML_ORGANIZE_RENAME:
      return _("Rename");
    case MML_ORGANIZE_MOVE:
      return _("Move");
    case MML_ORGANIZE_COPY:
      /* Translators: to another disk: copied, checked, then the original removed */
      return _("Move to other disk");
    case MML_ORGANIZE_NONE:
    default:
      return _("Named right");
    }
}

static void
mml_organize_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MmlOrganizeItem *self = MML_ORGANIZE_ITEM (object);

  switch (prop_id)
    {
    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;
    case PROP_TO:
      g_value_set_string (value, self->to);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, kind_label (self->kind));
      break;
    case PROP_KIND_ICON:
      g_value_set_string (value, kind_icon (self->kind));
      break;
    case PROP_ACTION_LABEL:
      g_value_set_string (value, action_label (self));
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_HAS_PROBLEM:
      g_value_set_boolean (value, self->problem != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_organize_item_finalize (GObject *object)
{
  MmlOrganizeItem *self = MML_ORGANIZE_ITEM (object);

  g_free (self->from);
  g_free (self->to);
  g_free (self->problem);

  G_OBJECT_CLASS (mml_organize_item_parent_class)->finalize (object);
}

static void
mml_organize_item_class_init (MmlOrganizeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mml_organize_item_finalize;
  object_class->get_property = mml_organize_item_get_property;

  properties[PROP_FROM] = g_param_spec_string ("from", NULL, NULL, NULL, flags);
  properties[PROP_TO] = g_param_spec_string ("to", NULL, NULL, NULL, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_KIND_ICON] = g_param_spec_string ("kind-icon", NULL, NULL, NULL, flags);
  properties[PROP_ACTION_LABEL] = g_param_spec_string ("action-label", NULL, NULL, NULL, flags);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, flags);
  properties[PROP_HAS_PROBLEM] = g_param_spec_boolean ("has-problem", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mml_organize_item_init (MmlOrganizeItem *self)
{
}

/**
 * mml_organize_item_new:
 *
 * Returns: (transfer full): an item showing @op
 */
MmlOrganizeItem *
mml_organize_item_new (const MmlOrganizeOp *op)
{
  MmlOrganizeItem *self;

  g_return_val_if_fail (op != NULL, NULL);

  self = g_object_new (MML_TYPE_ORGANIZE_ITEM, NULL);
  self->from = g_filename_display_name (op->from);
  self->to = g_filename_display_name (op->to);
  self->problem = g_strdup (op->problem);
  self->kind = op->kind;
  self->action = op->action;
  return self;
}

const char *
mml_organize_item_get_from (MmlOrganizeItem *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_ITEM (self), NULL);
  return self->from;
}

const char *
mml_organize_item_get_to (MmlOrganizeItem *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_ITEM (self), NULL);
  return self->to;
}

MmlOrganizeKind
mml_organize_item_get_kind (MmlOrganizeItem *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_ITEM (self), MML_ORGANIZE_KIND_VIDEO);
  return self->kind;
}

MmlOrganizeAction
mml_organize_item_get_action (MmlOrganizeItem *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_ITEM (self), MML_ORGANIZE_NONE);
  return self->action;
}

const char *
mml_organize_item_get_problem (MmlOrganizeItem *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_ITEM (self), NULL);
  return self->problem;
}
