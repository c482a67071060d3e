/* mml-json.h — type-checked reading of JSON members, for the metadata
 * providers' parsers and the stored JSON payloads
 *
 * Every getter takes a nullable object (a missing parent reads as missing
 * members), and a member of the wrong type reads as a missing one. A JSON
 * null is the wrong type for every typed getter; only mml_json_member()
 * hands it back as it is (some answers are told apart by a present null).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The member's node as it is, a JSON null included; NULL when @object is
 * NULL or has no such member. (transfer none) */
JsonNode   *mml_json_member         (JsonObject *object,
                                     const char *name);

/* @node's object, or NULL when @node is NULL or not an object. */
JsonObject *mml_json_node_object    (JsonNode   *node);
JsonObject *mml_json_get_object     (JsonObject *object,
                                     const char *name);
JsonArray  *mml_json_get_array      (JsonObject *object,
                                     const char *name);

/* A non-empty string, or NULL (also for NULL, a non-string and ""). */
const char *mml_json_node_string    (JsonNode   *node);
const char *mml_json_get_string     (JsonObject *object,
                                     const char *name);
/* Any string, "" included, as it is (not repaired), or NULL. */
const char *mml_json_get_any_string (JsonObject *object,
                                     const char *name);
/* mml_json_get_string() made valid UTF-8, newly allocated, or NULL. */
char       *mml_json_dup_string     (JsonObject *object,
                                     const char *name);

/* An integer: a JSON integer, or a whole-valued double within ±1e15.
 * FALSE otherwise, and @out is left alone. */
gboolean    mml_json_get_int        (JsonObject *object,
                                     const char *name,
                                     gint64     *out);
/* A JSON integer only (2.0 is not one). FALSE otherwise, and @out is
 * left alone. */
gboolean    mml_json_node_exact_int (JsonNode   *node,
                                     gint64     *out);
gboolean    mml_json_get_exact_int  (JsonObject *object,
                                     const char *name,
                                     gint64     *out);
/* mml_json_get_int() when it is 0..G_MAXINT, else @fallback. */
int         mml_json_get_small_int  (JsonObject *object,
                                     const char *name,
                                     int         fallback);

/* Any number, integer or not, as a double. FALSE otherwise, and @out is
 * left alone. */
gboolean    mml_json_get_number     (JsonObject *object,
                                     const char *name,
                                     double     *out);
/* true or false. FALSE otherwise, and @out is left alone. */
gboolean    mml_json_get_bool       (JsonObject *object,
                                     const char *name,
                                     gboolean   *out);

/* "YYYY-MM-DD" that is a real date of 1800..2200, newly allocated, else
 * NULL. With @allow_time a longer "YYYY-MM-DD hh:mm:ss" or
 * "YYYY-MM-DDThh:mm:ss" counts too and is cut to its date. @year
 * (nullable) gets the year, or 0. */
char       *mml_json_dup_date       (JsonObject *object,
                                     const char *name,
                                     gboolean    allow_time,
                                     int        *year);

G_END_DECLS
