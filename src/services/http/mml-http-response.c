/* mml-http-response.c — what mml_http_send_async() gives back (an immutable
 * MmlHttpResponse), the methods it knows, form bodies, and copied headers
 * (shared with the webhook server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-http"

#include <string.h>

#include "mml-http-private.h"

struct _MmlHttpResponse
{
  gatomicrefcount  ref;
  guint            status;
  MmlHttpHeaderSet headers;
  char            *content_type;   /* media type, lower-case; nullable */
  GBytes          *body;
  char            *final_url;
  char            *location;
  char            *label;          /* the host's name in messages */
  gboolean         from_cache;
};

G_DEFINE_BOXED_TYPE (MmlHttpResponse, mml_http_response,
                     mml_http_response_ref, mml_http_response_unref)

/* --- methods ---------------------------------------------------------- */

static const char *const method_names[] = {
  [MML_HTTP_METHOD_GET] = "GET",
  [MML_HTTP_METHOD_HEAD] = "HEAD",
  [MML_HTTP_METHOD_POST] = "POST",
  [MML_HTTP_METHOD_PUT] = "PUT",
  [MML_HTTP_METHOD_DELETE] = "DELETE",
  [MML_HTTP_METHOD_PATCH] = "PATCH",
};

/**
 * mml_http_method_to_string:
 * @method: a method
 *
 * Returns: (nullable): its name as sent ("GET"…), %NULL when out of range
 */
const char *
mml_http_method_to_string (MmlHttpMethod method)
{
  if ((guint) method >= G_N_ELEMENTS (method_names))
    return NULL;
  return method_names[method];
}

/**
 * mml_http_method_is_idempotent:
 * @method: a method
 *
 * Returns: whether sending @method twice has the effect of sending it once
 *   (GET, HEAD, PUT, DELETE), which makes it safe to retry
 */
gboolean
mml_http_method_is_idempotent (MmlHttpMethod method)
{
  switch (method)
    {
    case MML_HTTP_METHOD_GET:
    case MML_HTTP_METHOD_HEAD:
    case MML_HTTP_METHOD_PUT:
    case MML_HTTP_METHOD_DELETE:
      return TRUE;
    case MML_HTTP_METHOD_POST:
    case MML_HTTP_METHOD_PATCH:
    default:
      return FALSE;
    }
}

/* --- form bodies ------------------------------------------------------ */

static void
append_form_encoded (GString    *out,
                     const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == ' ')
        g_string_append_c (out, '+');
      else if (g_ascii_isalnum (*p) || strchr ("*-._", *p) != NULL)
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

/**
 * mml_http_form_encode:
 * @pairs: (array zero-terminated=1): "key", "value", … , %NULL
 *
 * Encodes @pairs, in order, as an application/x-www-form-urlencoded body
 * (send it with %MML_HTTP_CONTENT_TYPE_FORM). A key without its value is
 * ignored.
 *
 * Returns: (transfer full): the body, never %NULL
 */
GBytes *
mml_http_form_encode (const char *const *pairs)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; pairs != NULL && pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      if (out->len > 0)
        g_string_append_c (out, '&');
      append_form_encoded (out, pairs[i]);
      g_string_append_c (out, '=');
      append_form_encoded (out, pairs[i + 1]);
    }
  return g_string_free_to_bytes (out);
}

/* --- header sets ------------------------------------------------------ */

gboolean
_mml_http_header_ok (const char *name,
                     const char *value)
{
  if (name == NULL || *name == '\0' || value == NULL)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;
  return strpbrk (value, "\r\n") == NULL;
}

void
_mml_http_header_set_add (MmlHttpHeaderSet *set,
                          const char       *name,
                          const char       *value)
{
  char *key = g_ascii_strdown (name, -1);
  const char *old = g_hash_table_lookup (set->joined, key);

  g_ptr_array_add (set->pairs, g_strdup (name));
  g_ptr_array_add (set->pairs, g_strdup (value));
  g_hash_table_replace (set->joined, key,
                        old != NULL ? g_strconcat (old, ", ", value, NULL) : g_strdup (value));
}

void
_mml_http_header_set_init (MmlHttpHeaderSet   *set,
                           SoupMessageHeaders *headers,
                           const char *const  *skip)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  set->pairs = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  set->joined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (headers == NULL)
    return;
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (skip == NULL || !g_strv_contains (skip, lower))
        _mml_http_header_set_add (set, name, value);
    }
}

const char *
_mml_http_header_set_lookup (const MmlHttpHeaderSet *set,
                             const char             *name)
{
  g_autofree char *lower = NULL;

  if (name == NULL)
    return NULL;
  lower = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (set->joined, lower);
}

void
_mml_http_header_set_clear (MmlHttpHeaderSet *set)
{
  g_clear_pointer (&set->pairs, g_ptr_array_unref);
  g_clear_pointer (&set->joined, g_hash_table_unref);
}

/* --- responses -------------------------------------------------------- */

/* "Text/HTML; charset=utf-8" → "text/html"; NULL when empty. */
static char *
media_type (const char *value)
{
  g_autofree char *type = NULL;

  if (value == NULL)
    return NULL;
  type = g_strndup (value, strcspn (value, ";"));
  g_strstrip (type);
  if (*type == '\0')
    return NULL;
  return g_ascii_strdown (type, -1);
}

/* The reply of @r, on the main context; @body (not NULL) is referenced. */
MmlHttpResponse *
_mml_http_response_new (MmlHttpJob *r,
                        GBytes     *body)
{
  MmlHttpResponse *self = g_new0 (MmlHttpResponse, 1);
  const char *type;

  g_atomic_ref_count_init (&self->ref);
  self->status = r->status;
  self->body = g_bytes_ref (body);
  self->final_url = g_strdup (r->final_url);
  self->location = g_strdup (r->location);
  self->label = g_strdup (_mml_http_host_label (r));
  self->from_cache = r->from_cache;
  _mml_http_header_set_init (&self->headers, r->response_headers, NULL);
  /* A cached reply keeps its type (a 304 does not repeat it). */
  if (_mml_http_header_set_lookup (&self->headers, "Content-Type") == NULL
      && r->content_type != NULL)
    _mml_http_header_set_add (&self->headers, "Content-Type", r->content_type);
  type = _mml_http_header_set_lookup (&self->headers, "Content-Type");
  self->content_type = media_type (type);
  return self;
}

/**
 * mml_http_response_ref:
 * @self: a response
 *
 * Returns: (transfer full): @self
 */
MmlHttpResponse *
mml_http_response_ref (MmlHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

/**
 * mml_http_response_unref:
 * @self: (transfer full): a response
 */
void
mml_http_response_unref (MmlHttpResponse *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  _mml_http_header_set_clear (&self->headers);
  g_free (self->content_type);
  g_bytes_unref (self->body);
  g_free (self->final_url);
  g_free (self->location);
  g_free (self->label);
  g_free (self);
}

/**
 * mml_http_response_get_status:
 * @self: a response
 *
 * Returns: the HTTP status (200 for a reply from the cache)
 */
guint
mml_http_response_get_status (MmlHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->status;
}

/**
 * mml_http_response_get_header:
 * @self: a response
 * @name: a header name, any case
 *
 * Returns: (nullable): its value, repeated headers joined by ", "
 */
const char *
mml_http_response_get_header (MmlHttpResponse *self,
                              const char      *name)
{
  g_return_val_if_fail (self != NULL, NULL);

  return _mml_http_header_set_lookup (&self->headers, name);
}

/**
 * mml_http_response_get_headers:
 * @self: a response
 *
 * Returns: (array zero-terminated=1) (transfer none): "Name", "Value", …,
 *   in the order received
 */
const char *const *
mml_http_response_get_headers (MmlHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *const *) self->headers.pairs->pdata;
}

/**
 * mml_http_response_get_content_type:
 * @self: a response
 *
 * Returns: (nullable): the media type of the body, lower-case, without
 *   parameters ("application/json")
 */
const char *
mml_http_response_get_content_type (MmlHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->content_type;
}

/**
 * mml_http_response_get_body:
 * @self: a response
 *
 * Returns: (transfer none): the body as received, maybe empty
 */
GBytes *
mml_http_response_get_body (MmlHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->body;
}

/**
 * mml_http_response_get_final_url:
 * @self: a response
 *
 * Returns: the URL that answered, after the redirects that were followed
 */
const char *
mml_http_response_get_final_url (MmlHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->final_url;
}

/**
 * mml_http_response_get_location:
 * @self: a response
 *
 * Returns: (nullable): for a 3xx reply that was not followed, its Location
 *   resolved against the request URL
 */
const char *
mml_http_response_get_location (MmlHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->location;
}

/**
 * mml_http_response_is_from_cache:
 * @self: a response
 *
 * Returns: whether the body came from the disk cache
 */
gboolean
mml_http_response_is_from_cache (MmlHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->from_cache;
}

/**
 * mml_http_response_dup_json:
 * @self: a response
 * @error: return location for an error
 *
 * Parses the body as JSON, with the limits of mml_http_get_json_finish().
 *
 * Returns: (transfer full) (nullable): an object or a list, or %NULL with
 *   MML_HTTP_ERROR_MALFORMED
 */
JsonNode *
mml_http_response_dup_json (MmlHttpResponse  *self,
                            GError          **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _mml_http_parse_json (self->body, self->label, error);
}
