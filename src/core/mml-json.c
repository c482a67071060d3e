/* mml-json.c — type-checked reading of JSON members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-json"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mml-json.h"

/* Whole-valued doubles beyond this are not taken for integers. */
#define MAX_WHOLE_DOUBLE 1e15

JsonNode *
mml_json_member (JsonObject *object,
                 const char *name)
{
  return object != NULL && json_object_has_member (object, name)
         ? json_object_get_member (object, name) : NULL;
}

JsonObject *
mml_json_node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonObject *
mml_json_get_object (JsonObject *object,
                     const char *name)
{
  return mml_json_node_object (mml_json_member (object, name));
}

JsonArray *
mml_json_get_array (JsonObject *object,
                    const char *name)
{
  JsonNode *node = mml_json_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Whether @node is a value (not null, an object or an array) of @type. */
static gboolean
holds (JsonNode *node,
       GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

const char *
mml_json_node_string (JsonNode *node)
{
  const char *value;

  if (!holds (node, G_TYPE_STRING))
    return NULL;
  value = json_node_get_string (node);
  return value != NULL && value[0] != '\0' ? value : NULL;
}

const char *
mml_json_get_string (JsonObject *object,
                     const char *name)
{
  return mml_json_node_string (mml_json_member (object, name));
}

const char *
mml_json_get_any_string (JsonObject *object,
                         const char *name)
{
  JsonNode *node = mml_json_member (object, name);

  return holds (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;
}

char *
mml_json_dup_string (JsonObject *object,
                     const char *name)
{
  const char *value = mml_json_get_string (object, name);

  return value != NULL ? g_utf8_make_valid (value, -1) : NULL;
}

gboolean
mml_json_node_exact_int (JsonNode *node,
                         gint64   *out)
{
  if (!holds (node, G_TYPE_INT64))
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
mml_json_get_exact_int (JsonObject *object,
                        const char *name,
                        gint64     *out)
{
  return mml_json_node_exact_int (mml_json_member (object, name), out);
}

gboolean
mml_json_get_int (JsonObject *object,
                  const char *name,
                  gint64     *out)
{
  JsonNode *node = mml_json_member (object, name);
  double d;

  if (mml_json_node_exact_int (node, out))
    return TRUE;
  if (!holds (node, G_TYPE_DOUBLE))
    return FALSE;
  d = json_node_get_double (node);
  /* written so that a NaN fails before the cast */
  if (!(d >= -MAX_WHOLE_DOUBLE && d <= MAX_WHOLE_DOUBLE) || d != (double) (gint64) d)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

int
mml_json_get_small_int (JsonObject *object,
                        const char *name,
                        int         fallback)
{
  gint64 value;

  if (mml_json_get_int (object, name, &value) && value >= 0 && value <= G_MAXINT)
    return (int) value;
  return fallback;
}

gboolean
mml_json_get_number (JsonObject *object,
                     const char *name,
                     double     *out)
{
  JsonNode *node = mml_json_member (object, name);

  if (!holds (node, G_TYPE_DOUBLE) && !holds (node, G_TYPE_INT64))
    return FALSE;
  *out = json_node_get_double (node);   /* an integer is converted */
  return TRUE;
}

gboolean
mml_json_get_bool (JsonObject *object,
                   const char *name,
                   gboolean   *out)
{
  JsonNode *node = mml_json_member (object, name);

  if (!holds (node, G_TYPE_BOOLEAN))
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

char *
mml_json_dup_date (JsonObject *object,
                   const char *name,
                   gboolean    allow_time,
                   int        *year)
{
  const char *value = mml_json_get_string (object, name);
  gsize len = value != NULL ? strlen (value) : 0;
  int y, m, d;

  if (year != NULL)
    *year = 0;
  if (len < 10 || value[4] != '-' || value[7] != '-')
    return NULL;
  if (len > 10 && (!allow_time || (value[10] != ' ' && value[10] != 'T')))
    return NULL;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
      return NULL;
  y = atoi (value);
  m = atoi (value + 5);
  d = atoi (value + 8);
  if (y < 1800 || y > 2200 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  if (year != NULL)
    *year = y;
  return g_strndup (value, 10);
}
