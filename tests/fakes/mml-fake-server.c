/* mml-fake-server.c — a local HTTP server for tests (see the header)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-fake-server"

#include <string.h>

#include "mml-fake-server.h"

#define LARGE_CHUNK (64 * 1024)
#define NOT_FOUND_KEY "*404*"

typedef enum
{
  RESPONSE_STATIC,
  RESPONSE_HANDLER,
  RESPONSE_LARGE,
  RESPONSE_JSON_ARRAY,
} ResponseKind;

typedef struct
{
  ResponseKind         kind;
  guint                status;
  GBytes              *body;
  GStrv                headers;          /* name, value, … */
  MmlFakeServerHandler handler;
  gpointer             user_data;
  gsize                size;
  gboolean             chunked;
  char                *element;          /* RESPONSE_JSON_ARRAY */
  gsize                count;
} Response;

typedef struct
{
  char       *key;
  gboolean    prefix;
  GPtrArray  *responses;                 /* Response, owned */
  guint       next;
  guint       delay_ms;
  char       *etag;
  guint       count;
  GArray     *times;                     /* gint64 */
  GArray     *statuses;                  /* guint */
  guint64     bytes_written;
  GHashTable *last_headers;              /* lower-case name → value */
} Route;

struct _MmlFakeServer
{
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base_url;
  GHashTable   *routes;                  /* key → Route */
  GPtrArray    *delays;                  /* pending GSource, server thread only */
  guint         total;
};

static void
response_free (gpointer data)
{
  Response *resp = data;

  g_clear_pointer (&resp->body, g_bytes_unref);
  g_strfreev (resp->headers);
  g_free (resp->element);
  g_free (resp);
}

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->key);
  g_ptr_array_unref (route->responses);
  g_free (route->etag);
  g_array_unref (route->times);
  g_array_unref (route->statuses);
  g_hash_table_unref (route->last_headers);
  g_free (route);
}

/* with the lock held */
static Route *
route_get (MmlFakeServer *self,
           const char    *key)
{
  Route *route = g_hash_table_lookup (self->routes, key);

  if (route == NULL)
    {
      route = g_new0 (Route, 1);
      route->key = g_strdup (key);
      route->prefix = g_str_has_suffix (key, "*") && strcmp (key, NOT_FOUND_KEY) != 0;
      route->responses = g_ptr_array_new_with_free_func (response_free);
      route->times = g_array_new (FALSE, FALSE, sizeof (gint64));
      route->statuses = g_array_new (FALSE, FALSE, sizeof (guint));
      route->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->routes, route->key, route);
    }
  return route;
}

/* with the lock held: the exact route, else the longest prefix route */
static Route *
route_match (MmlFakeServer *self,
             const char    *path)
{
  GHashTableIter iter;
  Route *route, *best = NULL;
  gsize best_len = 0;

  if ((route = g_hash_table_lookup (self->routes, path)) != NULL && !route->prefix
      && route->responses->len > 0)
    return route;

  g_hash_table_iter_init (&iter, self->routes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &route))
    {
      gsize len = strlen (route->key) - 1;

      if (route->prefix && route->responses->len > 0
          && strncmp (path, route->key, len) == 0 && len >= best_len)
        {
          best = route;
          best_len = len;
        }
    }
  return best;
}

static void
add (MmlFakeServer *self,
     const char    *path,
     Response      *resp)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (route_get (self, path)->responses, resp);
  g_mutex_unlock (&self->lock);
}

/* --- large bodies ----------------------------------------------------- */

typedef struct
{
  MmlFakeServer *self;
  char          *key;
  GBytes        *chunk;
  gsize          remaining;
  gsize          last;         /* size of the chunk being written */
  char          *element;      /* a JSON array of @count of it, else 'x'… */
  gsize          count;
  gsize          emitted;      /* elements written so far */
  gboolean       closed;       /* "]" written */
} Large;

static void
large_free (gpointer data)
{
  Large *large = data;

  g_free (large->key);
  g_clear_pointer (&large->chunk, g_bytes_unref);
  g_free (large->element);
  g_free (large);
}

/* The next piece of "[element,element,…]": whole elements, up to LARGE_CHUNK. */
static void
json_array_append (SoupMessageBody *body,
                   Large           *large)
{
  GString *piece = g_string_sized_new (LARGE_CHUNK + 16);
  gsize len = strlen (large->element);

  if (large->closed)
    {
      g_string_free (piece, TRUE);
      large->last = 0;
      soup_message_body_complete (body);
      return;
    }
  if (large->emitted == 0)
    g_string_append_c (piece, '[');
  while (large->emitted < large->count && piece->len + len + 1 <= LARGE_CHUNK)
    {
      if (large->emitted > 0)
        g_string_append_c (piece, ',');
      g_string_append_len (piece, large->element, len);
      large->emitted++;
    }
  if (large->emitted == large->count && piece->len < LARGE_CHUNK)
    {
      g_string_append_c (piece, ']');
      large->closed = TRUE;
    }
  large->last = piece->len;
  soup_message_body_append_take (body, (guchar *) g_string_free (piece, FALSE), large->last);
}

static void
large_append (SoupServerMessage *msg,
              Large             *large)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize n;

  if (large->element != NULL)
    {
      json_array_append (body, large);
      return;
    }
  n = MIN (large->remaining, g_bytes_get_size (large->chunk));

  if (n == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  if (n == g_bytes_get_size (large->chunk))
    soup_message_body_append_bytes (body, large->chunk);
  else
    soup_message_body_append (body, SOUP_MEMORY_COPY, g_bytes_get_data (large->chunk, NULL), n);
  large->remaining -= n;
  large->last = n;
}

static void
large_wrote_chunk_cb (SoupServerMessage *msg,
                      gpointer           user_data)
{
  Large *large = user_data;
  MmlFakeServer *self = large->self;

  g_mutex_lock (&self->lock);
  route_get (self, large->key)->bytes_written += large->last;
  g_mutex_unlock (&self->lock);
  large_append (msg, large);
}

static void
serve_large (MmlFakeServer     *self,
             SoupServerMessage *msg,
             const char        *key,
             const Response    *resp)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  Large *large = g_new0 (Large, 1);
  gsize size = resp->size;

  large->self = self;
  large->key = g_strdup (key);
  if (resp->kind == RESPONSE_JSON_ARRAY)
    {
      large->element = g_strdup (resp->element);
      large->count = resp->count;
      size = 2 + resp->count * strlen (resp->element) + (resp->count > 0 ? resp->count - 1 : 0);
    }
  else
    {
      char *fill = g_malloc (LARGE_CHUNK);

      memset (fill, 'x', LARGE_CHUNK);
      large->chunk = g_bytes_new_take (fill, LARGE_CHUNK);
      large->remaining = size;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (resp->chunked)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  else
    soup_message_headers_set_content_length (headers, size);
  soup_message_body_set_accumulate (body, FALSE);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (large_wrote_chunk_cb), large);
  g_object_set_data_full (G_OBJECT (msg), "mml-fake-large", large, large_free);
  large_append (msg, large);
}

/* --- serving ---------------------------------------------------------- */

typedef struct
{
  MmlFakeServer     *self;
  SoupServerMessage *msg;
  char              *key;
  char              *path;
  GHashTable        *query;
  const Response    *resp;      /* NULL: 404 */
  char              *etag;
  gboolean           not_modified;
  GSource           *source;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_object_unref (p->msg);
  g_free (p->key);
  g_free (p->path);
  g_clear_pointer (&p->query, g_hash_table_unref);
  g_free (p->etag);
  g_free (p);
}

static void
serve (Pending *p)
{
  SoupServerMessage *msg = p->msg;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const Response *resp = p->resp;
  guint status;

  if (resp == NULL)
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  else if (p->not_modified)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      soup_message_headers_replace (headers, "ETag", p->etag);
    }
  else
    switch (resp->kind)
      {
      case RESPONSE_STATIC:
        soup_server_message_set_status (msg, resp->status, NULL);
        for (guint i = 0; resp->headers != NULL && resp->headers[i] != NULL
                          && resp->headers[i + 1] != NULL; i += 2)
          soup_message_headers_append (headers, resp->headers[i], resp->headers[i + 1]);
        if (resp->body != NULL && g_bytes_get_size (resp->body) > 0)
          soup_message_body_append_bytes (soup_server_message_get_response_body (msg), resp->body);
        break;
      case RESPONSE_HANDLER:
        resp->handler (p->self, msg, p->path, p->query, resp->user_data);
        break;
      case RESPONSE_LARGE:
      case RESPONSE_JSON_ARRAY:
        serve_large (p->self, msg, p->key, resp);
        break;
      default:
        g_assert_not_reached ();
      }

  status = soup_server_message_get_status (msg);
  if (p->etag != NULL && !p->not_modified && SOUP_STATUS_IS_SUCCESSFUL (status))
    soup_message_headers_replace (headers, "ETag", p->etag);

  g_mutex_lock (&p->self->lock);
  g_array_append_val (route_get (p->self, p->key)->statuses, status);
  g_mutex_unlock (&p->self->lock);
}

static gboolean
delay_done_cb (gpointer user_data)
{
  Pending *p = user_data;

  serve (p);
  soup_server_message_unpause (p->msg);
  g_ptr_array_remove (p->self->delays, p->source);   /* destroys p */
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  MmlFakeServer *self = user_data;
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  Pending *p = g_new0 (Pending, 1);
  gint64 now = g_get_monotonic_time ();
  Route *route;
  guint delay_ms = 0;

  p->self = self;
  p->msg = g_object_ref (msg);
  p->path = g_strdup (path);
  p->query = query != NULL ? g_hash_table_ref (query) : NULL;

  g_mutex_lock (&self->lock);
  self->total++;
  route = route_match (self, path);
  if (route == NULL)
    route = route_get (self, NOT_FOUND_KEY);
  else
    {
      const char *inm = soup_message_headers_get_one (req_headers, "If-None-Match");

      p->resp = g_ptr_array_index (route->responses, MIN (route->next, route->responses->len - 1));
      route->next++;
      p->etag = g_strdup (route->etag);
      p->not_modified = route->etag != NULL && g_strcmp0 (inm, route->etag) == 0;
      delay_ms = route->delay_ms;
    }
  p->key = g_strdup (route->key);
  route->count++;
  g_array_append_val (route->times, now);
  soup_message_headers_iter_init (&iter, req_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_replace (route->last_headers, g_ascii_strdown (name, -1), g_strdup (value));
  g_mutex_unlock (&self->lock);

  if (delay_ms == 0)
    {
      serve (p);
      pending_free (p);
      return;
    }

  soup_server_message_pause (msg);
  p->source = g_timeout_source_new (delay_ms);
  g_source_set_callback (p->source, delay_done_cb, p, pending_free);
  g_source_attach (p->source, self->context);
  g_ptr_array_add (self->delays, p->source);
}

/* --- the thread ------------------------------------------------------- */

static void
destroy_source (gpointer data)
{
  GSource *source = data;

  g_source_destroy (source);
  g_source_unref (source);
}

static gpointer
server_thread (gpointer data)
{
  MmlFakeServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = g_object_new (SOUP_TYPE_SERVER, NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("fake server: cannot listen: %s", error->message);
  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);

  g_mutex_lock (&self->lock);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  g_ptr_array_set_size (self->delays, 0);      /* unanswered delayed requests */
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

MmlFakeServer *
mml_fake_server_new (void)
{
  MmlFakeServer *self = g_new0 (MmlFakeServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, route_free);
  self->delays = g_ptr_array_new_with_free_func (destroy_source);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("mml-fake-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
mml_fake_server_free (MmlFakeServer *self)
{
  if (self == NULL)
    return;
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->delays);
  g_hash_table_unref (self->routes);
  g_free (self->base_url);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

/* --- configuration ---------------------------------------------------- */

const char *
mml_fake_server_get_base_url (MmlFakeServer *self)
{
  return self->base_url;
}

char *
mml_fake_server_url (MmlFakeServer *self,
                     const char    *path_and_query)
{
  return g_strconcat (self->base_url, path_and_query, NULL);
}

void
mml_fake_server_add_response (MmlFakeServer *self,
                              const char    *path,
                              guint          status,
                              const char    *body,
                              gssize         length,
                              const char    *first_header_name,
                              ...)
{
  Response *resp = g_new0 (Response, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *name = first_header_name;
  va_list args;

  resp->kind = RESPONSE_STATIC;
  resp->status = status;
  if (body != NULL)
    resp->body = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);
  va_start (args, first_header_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_strv_builder_add (builder, name);
      g_strv_builder_add (builder, value != NULL ? value : "");
      name = va_arg (args, const char *);
    }
  va_end (args);
  resp->headers = g_strv_builder_end (builder);
  add (self, path, resp);
}

void
mml_fake_server_add_json (MmlFakeServer *self,
                          const char    *path,
                          guint          status,
                          const char    *json)
{
  mml_fake_server_add_response (self, path, status, json, -1,
                                "Content-Type", "application/json", NULL);
}

gboolean
mml_fake_server_add_fixture (MmlFakeServer *self,
                             const char    *path,
                             guint          status,
                             const char    *relative)
{
  const char *fixtures = g_getenv ("MML_TEST_FIXTURES");
  g_autofree char *file = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (fixtures == NULL)
    return FALSE;
  file = g_build_filename (fixtures, relative, NULL);
  if (!g_file_get_contents (file, &data, &len, NULL))
    return FALSE;
  mml_fake_server_add_response (self, path, status, data, len,
                                "Content-Type", "application/json", NULL);
  return TRUE;
}

void
mml_fake_server_add_large_body (MmlFakeServer *self,
                                const char    *path,
                                gsize          size,
                                gboolean       chunked)
{
  Response *resp = g_new0 (Response, 1);

  resp->kind = RESPONSE_LARGE;
  resp->status = SOUP_STATUS_OK;
  resp->size = size;
  resp->chunked = chunked;
  add (self, path, resp);
}

void
mml_fake_server_add_json_array (MmlFakeServer *self,
                                const char    *path,
                                const char    *element,
                                gsize          count)
{
  Response *resp = g_new0 (Response, 1);

  g_return_if_fail (element != NULL && *element != '\0' && strlen (element) < LARGE_CHUNK / 2);

  resp->kind = RESPONSE_JSON_ARRAY;
  resp->status = SOUP_STATUS_OK;
  resp->element = g_strdup (element);
  resp->count = count;
  add (self, path, resp);
}

void
mml_fake_server_add_handler (MmlFakeServer        *self,
                             const char           *path,
                             MmlFakeServerHandler  handler,
                             gpointer              user_data)
{
  Response *resp = g_new0 (Response, 1);

  resp->kind = RESPONSE_HANDLER;
  resp->handler = handler;
  resp->user_data = user_data;
  add (self, path, resp);
}

void
mml_fake_server_set_delay (MmlFakeServer *self,
                           const char    *path,
                           guint          delay_ms)
{
  g_mutex_lock (&self->lock);
  route_get (self, path)->delay_ms = delay_ms;
  g_mutex_unlock (&self->lock);
}

void
mml_fake_server_set_etag (MmlFakeServer *self,
                          const char    *path,
                          const char    *etag)
{
  Route *route;

  g_mutex_lock (&self->lock);
  route = route_get (self, path);
  g_free (route->etag);
  route->etag = g_strdup (etag);
  g_mutex_unlock (&self->lock);
}

/* --- statistics ------------------------------------------------------- */

guint
mml_fake_server_get_count (MmlFakeServer *self,
                           const char    *path)
{
  Route *route;
  guint count;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->routes, path);
  count = route != NULL ? route->count : 0;
  g_mutex_unlock (&self->lock);
  return count;
}

guint
mml_fake_server_get_status_count (MmlFakeServer *self,
                                  const char    *path,
                                  guint          status)
{
  Route *route;
  guint count = 0;

  g_mutex_lock (&self->lock);
  if ((route = g_hash_table_lookup (self->routes, path)) != NULL)
    for (guint i = 0; i < route->statuses->len; i++)
      if (g_array_index (route->statuses, guint, i) == status)
        count++;
  g_mutex_unlock (&self->lock);
  return count;
}

GArray *
mml_fake_server_get_times (MmlFakeServer *self,
                           const char    *path)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));
  Route *route;

  g_mutex_lock (&self->lock);
  if ((route = g_hash_table_lookup (self->routes, path)) != NULL)
    g_array_append_vals (times, route->times->data, route->times->len);
  g_mutex_unlock (&self->lock);
  return times;
}

guint
mml_fake_server_get_total (MmlFakeServer *self)
{
  guint total;

  g_mutex_lock (&self->lock);
  total = self->total;
  g_mutex_unlock (&self->lock);
  return total;
}

guint64
mml_fake_server_get_bytes_written (MmlFakeServer *self,
                                   const char    *path)
{
  Route *route;
  guint64 bytes = 0;

  g_mutex_lock (&self->lock);
  if ((route = g_hash_table_lookup (self->routes, path)) != NULL)
    bytes = route->bytes_written;
  g_mutex_unlock (&self->lock);
  return bytes;
}

char *
mml_fake_server_get_last_header (MmlFakeServer *self,
                                 const char    *path,
                                 const char    *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  Route *route;
  char *value = NULL;

  g_mutex_lock (&self->lock);
  if ((route = g_hash_table_lookup (self->routes, path)) != NULL)
    value = g_strdup (g_hash_table_lookup (route->last_headers, lower));
  g_mutex_unlock (&self->lock);
  return value;
}
