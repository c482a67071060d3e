/* mml-media-server.c — what Plex, Jellyfin and Emby share: the kinds, the
 * records and their free functions, the client object, sending a request
 * with the kind's headers, reading a reply without trusting it, and the
 * paged listing and the watched write, which ask the kind's file only for
 * URLs and for reading one page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-media-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-json.h"
#include "mml-media-server-private.h"

G_DEFINE_FINAL_TYPE (MmlMediaServer, mml_media_server, G_TYPE_OBJECT)

/* --- kinds ------------------------------------------------------------------ */

static const struct {
  const char *name;
  const char *label;
} kinds[] = {
  [MML_SERVER_KIND_PLEX] = { "plex", "Plex" },
  [MML_SERVER_KIND_JELLYFIN] = { "jellyfin", "Jellyfin" },
  [MML_SERVER_KIND_EMBY] = { "emby", "Emby" },
};

const char *
mml_server_kind_to_string (MmlServerKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  return kinds[kind].name;
}

gboolean
mml_server_kind_from_string (const char    *text,
                             MmlServerKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (text, kinds[i].name) == 0)
      {
        *kind = (MmlServerKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mml_server_kind_get_label (MmlServerKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  return kinds[kind].label;
}

/* --- records ---------------------------------------------------------------- */

void
mml_server_library_free (MmlServerLibrary *library)
{
  if (library == NULL)
    return;
  g_free (library->id);
  g_free (library->title);
  g_strfreev (library->locations);
  g_free (library);
}

void
mml_server_info_free (MmlServerInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->server_name);
  g_free (info->server_id);
  g_free (info->version);
  g_free (info->user_id);
  g_free (info->user_name);
  g_clear_pointer (&info->libraries, g_ptr_array_unref);
  g_free (info);
}

void
mml_server_series_free (MmlServerSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->id);
  g_free (series->library_id);
  g_free (series->title);
  g_free (series->tvdb_id);
  g_free (series->tmdb_id);
  g_free (series->imdb_id);
  g_free (series->path);
  g_free (series);
}

void
mml_server_episode_free (MmlServerEpisode *episode)
{
  if (episode == NULL)
    return;
  g_free (episode->id);
  g_free (episode->series_id);
  g_free (episode->tvdb_id);
  g_free (episode->imdb_id);
  g_free (episode->path);
  g_free (episode);
}

/* --- secrets and headers ---------------------------------------------------- */

void
_mml_server_wipe (char *secret)
{
  /* volatile: a memset() right before free() may be optimised away */
  for (volatile char *p = secret; p != NULL && *p != '\0'; p++)
    *p = '\0';
  g_free (secret);
}

void
_mml_server_headers_free (char **headers)
{
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    _mml_server_wipe (headers[i]);
  g_free (headers);
}

/* A value of the MediaBrowser header: the server URL-decodes them, so what
 * would end the value or the list is escaped. */
static char *
mediabrowser_value (const char *value)
{
  return g_uri_escape_string (value != NULL ? value : "", " ()/:;@", TRUE);
}

static char *
mediabrowser_authorization (const char *client_id,
                            const char *token)
{
  g_autofree char *client = mediabrowser_value (MML_SERVER_PRODUCT);
  g_autofree char *device = mediabrowser_value (g_get_host_name ());
  g_autofree char *device_id = mediabrowser_value (client_id);
  g_autofree char *version = mediabrowser_value (PACKAGE_VERSION);
  GString *header = g_string_new (NULL);

  g_string_printf (header, "MediaBrowser Client=\"%s\", Device=\"%s\", DeviceId=\"%s\", Version=\"%s\"",
                   client, device, device_id, version);
  if (token != NULL && token[0] != '\0')
    {
      char *escaped = mediabrowser_value (token);

      g_string_append_printf (header, ", Token=\"%s\"", escaped);
      _mml_server_wipe (escaped);
    }
  return g_string_free (header, FALSE);
}

char **
_mml_server_headers (MmlServerKind  kind,
                     const char    *client_id,
                     const char    *token)
{
  GPtrArray *h = g_ptr_array_new ();
  gboolean has_token = token != NULL && token[0] != '\0';

#define ADD(name, value) \
  G_STMT_START { g_ptr_array_add (h, g_strdup (name)); g_ptr_array_add (h, (value)); } G_STMT_END

  ADD ("Accept", g_strdup ("application/json"));
  if (kind == MML_SERVER_KIND_PLEX)
    {
      ADD ("X-Plex-Client-Identifier", g_strdup (client_id != NULL ? client_id : ""));
      ADD ("X-Plex-Product", g_strdup (MML_SERVER_PRODUCT));
      ADD ("X-Plex-Version", g_strdup (PACKAGE_VERSION));
      ADD ("X-Plex-Platform", g_strdup ("Linux"));
      ADD ("X-Plex-Device-Name", g_strdup (g_get_host_name ()));
      if (has_token)
        ADD ("X-Plex-Token", g_strdup (token));
    }
  else
    {
      ADD ("Authorization", mediabrowser_authorization (client_id, token));
      if (kind == MML_SERVER_KIND_EMBY && has_token)
        ADD ("X-Emby-Token", g_strdup (token));
    }
#undef ADD
  g_ptr_array_add (h, NULL);
  return (char **) g_ptr_array_free (h, FALSE);
}

void
_mml_server_send_async (MmlHttp             *http,
                        MmlServerKind        kind,
                        const char          *url,
                        MmlHttpMethod        method,
                        const char          *client_id,
                        const char          *token,
                        const char          *body_json,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  char **headers = _mml_server_headers (kind, client_id, token);
  g_autoptr(GBytes) body = NULL;
  MmlHttpSendOptions options = { 0 };

  options.method = method;
  options.headers = (const char *const *) headers;
  if (body_json != NULL)
    {
      body = g_bytes_new (body_json, strlen (body_json));
      options.body = body;
      options.content_type = MML_HTTP_CONTENT_TYPE_JSON;
    }
  /* nothing is cached: replies carry the user's state, requests a token */
  mml_http_send_async (http, url, &options, cancellable, callback, user_data);
  _mml_server_headers_free (headers);
}

void
_mml_media_server_send_async (MmlMediaServer      *self,
                              MmlHttpMethod        method,
                              const char          *path_and_query,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *url = g_strconcat (self->url, path_and_query, NULL);

  self->requests++;
  _mml_server_send_async (self->http, self->kind, url, method, self->client_id, self->token,
                          NULL, cancellable, callback, user_data);
}

MmlHttpResponse *
_mml_media_server_send_finish (MmlMediaServer  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return mml_http_send_finish (self->http, result, error);
}

JsonObject *
_mml_media_server_object_finish (MmlMediaServer  *self,
                                 GAsyncResult    *result,
                                 const char      *what,
                                 GError         **error)
{
  g_autoptr(MmlHttpResponse) response = _mml_media_server_send_finish (self, result, error);
  g_autoptr(JsonNode) node = NULL;

  if (response == NULL)
    return NULL;
  if ((node = _mml_server_reply_json (self->kind, response, what, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, _mml_server_invalid (self->kind, what));
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

/* --- reading replies ------------------------------------------------------- */

GError *
_mml_server_invalid (MmlServerKind  kind,
                     const char    *what)
{
  const char *label = mml_server_kind_get_label (kind);

  return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                      _("The server sent %s that is not what a %s server answers; is the address that of a %s server?"),
                      what, label, label);
}

JsonNode *
_mml_server_reply_json (MmlServerKind     kind,
                        MmlHttpResponse  *response,
                        const char       *what,
                        GError          **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *node = mml_http_response_dup_json (response, &local);

  if (node == NULL)
    g_propagate_error (error, _mml_server_invalid (kind, what));
  return node;
}

static gboolean
is_printable (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

char *
_mml_server_dup_id (JsonObject *object,
                    const char *name)
{
  JsonNode *node = mml_json_member (object, name);
  gint64 number;

  if (node == NULL)
    return NULL;
  if (mml_json_node_exact_int (node, &number))
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (text != NULL && text[0] != '\0' && strlen (text) <= MML_SERVER_MAX_ID && is_printable (text))
        return g_strdup (text);
    }
  return NULL;
}

char *
_mml_server_dup_text (JsonObject *object,
                      const char *name)
{
  char *text = mml_json_dup_string (object, name);

  for (char *p = text; p != NULL && *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return text;
}

char *
_mml_server_dup_path (JsonObject *object,
                      const char *name)
{
  const char *path = mml_json_get_string (object, name);

  return path != NULL && is_printable (path) ? g_strdup (path) : NULL;
}

gboolean
_mml_server_get_int (JsonObject *object,
                     const char *name,
                     gint64     *out)
{
  const char *text;
  char *end = NULL;
  gint64 value;

  if (mml_json_get_int (object, name, out))
    return TRUE;
  if ((text = mml_json_get_string (object, name)) == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text) && *text != '-')
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == NULL || *end != '\0' || end == text)
    return FALSE;
  *out = value;
  return TRUE;
}

char *
_mml_server_clean_provider_id (const char *provider,
                               const char *value)
{
  g_autofree char *copy = NULL;
  const char *digits;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (value));
  if (copy[0] == '\0' || strlen (copy) > 32)
    return NULL;
  digits = copy;
  if (g_ascii_strcasecmp (provider, "imdb") == 0)
    {
      if (g_ascii_strncasecmp (copy, "tt", 2) != 0)
        return NULL;
      copy[0] = copy[1] = 't';
      digits = copy + 2;
    }
  if (digits[0] == '\0')
    return NULL;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;
  /* a zero id is the way some agents say "none" */
  if (g_ascii_strtoull (digits, NULL, 10) == 0)
    return NULL;
  return g_steal_pointer (&copy);
}

/* --- the object ------------------------------------------------------------- */

static void
mml_media_server_finalize (GObject *object)
{
  MmlMediaServer *self = MML_MEDIA_SERVER (object);

  g_clear_object (&self->http);
  g_free (self->url);
  g_clear_pointer (&self->token, _mml_server_wipe);
  g_free (self->user_id);
  g_free (self->client_id);
  g_free (self->version);

  G_OBJECT_CLASS (mml_media_server_parent_class)->finalize (object);
}

static void
mml_media_server_class_init (MmlMediaServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mml_media_server_finalize;
}

static void
mml_media_server_init (MmlMediaServer *self)
{
}

MmlMediaServer *
mml_media_server_new (MmlHttp       *http,
                      MmlServerKind  kind,
                      const char    *url,
                      const char    *token,
                      const char    *user_id,
                      const char    *client_id)
{
  MmlMediaServer *self;
  gsize len;

  g_return_val_if_fail (MML_IS_HTTP (http), NULL);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (MML_TYPE_MEDIA_SERVER, NULL);
  self->http = g_object_ref (http);
  self->kind = kind;
  self->url = g_strstrip (g_strdup (url));
  len = strlen (self->url);
  while (len > 0 && self->url[len - 1] == '/')
    self->url[--len] = '\0';
  self->token = g_strdup (token);
  self->user_id = user_id != NULL && user_id[0] != '\0' ? g_strdup (user_id) : NULL;
  self->client_id = g_strdup (client_id != NULL ? client_id : "");
  return self;
}

/**
 * mml_media_server_set_version:
 * @version: (nullable): the server's version ("10.9.11"), as a test read it
 *
 * Routes that only some versions have are chosen by it (Jellyfin's
 * /UserPlayedItems from 10.9); unknown, the oldest supported are used.
 */
void
mml_media_server_set_version (MmlMediaServer *self,
                              const char     *version)
{
  g_return_if_fail (MML_IS_MEDIA_SERVER (self));

  g_free (self->version);
  self->version = version != NULL && *version != '\0' ? g_strdup (version) : NULL;
}

MmlServerKind
mml_media_server_get_kind (MmlMediaServer *self)
{
  g_return_val_if_fail (MML_IS_MEDIA_SERVER (self), MML_SERVER_KIND_PLEX);
  return self->kind;
}

const char *
mml_media_server_get_url (MmlMediaServer *self)
{
  g_return_val_if_fail (MML_IS_MEDIA_SERVER (self), NULL);
  return self->url;
}

guint
mml_media_server_get_requests (MmlMediaServer *self)
{
  g_return_val_if_fail (MML_IS_MEDIA_SERVER (self), 0);
  return self->requests;
}

gboolean
mml_media_server_dates_lossy (MmlMediaServer *self)
{
  g_return_val_if_fail (MML_IS_MEDIA_SERVER (self), FALSE);
  return self->kind == MML_SERVER_KIND_PLEX;
}

/* --- Test ------------------------------------------------------------------- */

void
mml_media_server_test_async (MmlMediaServer      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_MEDIA_SERVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_media_server_test_async);
  if (self->kind == MML_SERVER_KIND_PLEX)
    _mml_plex_test_async (self, task);
  else
    _mml_jellyfin_test_async (self, task);
}

MmlServerInfo *
mml_media_server_test_finish (MmlMediaServer  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (MML_IS_MEDIA_SERVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- getting ready --------------------------------------------------------- */

static void
prepare_async (MmlMediaServer      *self,
               gboolean             need_libraries,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, prepare_async);
  if (self->kind == MML_SERVER_KIND_PLEX)
    _mml_plex_prepare_async (self, need_libraries, task);
  else
    _mml_jellyfin_prepare_async (self, need_libraries, task);
}

/* The libraries (NULL when not asked for) or NULL with @error set */
static char **
prepare_finish (MmlMediaServer  *self,
                GAsyncResult    *result,
                GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- listing, paged ---------------------------------------------------------- */

/* Pages of one library fetched at once, once the first page has said how
 * many there are: a library of 137k episodes is 137 pages, and a server
 * answers several at a time faster than one after the other. */
#define MAX_PAGES_IN_FLIGHT 4

typedef struct
{
  MmlServerList  what;
  char         **libraries;
  guint          library;    /* the one being listed */
  guint          start;      /* of the next page (one after the other) */
  guint          page_size;
  GPtrArray     *items;
  GHashTable    *seen;       /* ids already listed: a page that shifted under us */
  /* the pages after the first, fetched at once */
  GPtrArray     *slots;      /* (element-type GPtrArray): page i at i; NULL until it came */
  guint          n_pages;
  guint          next_page;
  guint          in_flight;
  guint          pages_done;
  GError        *error;      /* the first failure of a page fetched at once */
} ListJob;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_strfreev (job->libraries);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_pointer (&job->seen, g_hash_table_unref);
  g_clear_pointer (&job->slots, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void list_next_page (GTask *task);

static const char *
item_id (ListJob  *job,
         gpointer  item)
{
  return job->what == MML_SERVER_LIST_SERIES ? ((MmlServerSeries *) item)->id
                                             : ((MmlServerEpisode *) item)->id;
}

/* The items of one reply; NULL with @error */
static GPtrArray *
parse_page (MmlMediaServer *self,
            ListJob        *job,
            GAsyncResult   *result,
            guint          *n_items,
            gint64         *total,
            GError        **error)
{
  const char *library = job->libraries[job->library];
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GPtrArray) page = NULL;
  gboolean ok;

  root = _mml_media_server_object_finish (self, result,
                                          job->what == MML_SERVER_LIST_SERIES ? _("a page of series")
                                                                             : _("a page of episodes"),
                                          error);
  if (root == NULL)
    return NULL;
  page = g_ptr_array_new_with_free_func (job->what == MML_SERVER_LIST_SERIES
                                         ? (GDestroyNotify) mml_server_series_free
                                         : (GDestroyNotify) mml_server_episode_free);
  if (self->kind == MML_SERVER_KIND_PLEX)
    ok = _mml_plex_parse_page (job->what, root, library, page, n_items, total, error);
  else
    ok = _mml_jellyfin_parse_page (self->kind, job->what, root, library, page, n_items, total, error);
  return ok ? g_steal_pointer (&page) : NULL;
}

/* @page's items that were not listed yet, in order */
static void
take_items (ListJob   *job,
            GPtrArray *page)
{
  for (guint i = 0; i < page->len; i++)
    {
      gpointer item = g_ptr_array_index (page, i);

      if (item == NULL || g_hash_table_contains (job->seen, item_id (job, item)))
        continue;
      g_hash_table_add (job->seen, g_strdup (item_id (job, item)));
      page->pdata[i] = NULL;
      g_ptr_array_add (job->items, item);
    }
}

static void
next_library (GTask *task)
{
  ListJob *job = g_task_get_task_data (task);

  job->library++;
  job->start = 0;
  list_next_page (task);
}

static void fetch_more_pages (GTask *task);

static void
slot_free (gpointer page)
{
  if (page != NULL)
    g_ptr_array_unref (page);
}

typedef struct
{
  GTask *task;
  guint  index;
} PageCall;

static void
more_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageCall *call = user_data;
  GTask *task = call->task;
  ListJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  guint n_items = 0;
  gint64 total = -1;
  GPtrArray *page = parse_page (g_task_get_source_object (task), job, result, &n_items, &total, &error);

  job->in_flight--;
  if (page == NULL)
    {
      if (job->error == NULL)
        job->error = error;
      else
        g_error_free (error);
    }
  else
    {
      g_ptr_array_index (job->slots, call->index) = page;
      job->pages_done++;
    }
  g_free (call);
  fetch_more_pages (task);
}

/* Keeps MAX_PAGES_IN_FLIGHT pages coming; when every one came, their
 * items in page order, then the next library */
static void
fetch_more_pages (GTask *task)
{
  MmlMediaServer *self = g_task_get_source_object (task);
  ListJob *job = g_task_get_task_data (task);
  const char *library = job->libraries[job->library];

  while (job->error == NULL && job->in_flight < MAX_PAGES_IN_FLIGHT && job->next_page < job->n_pages)
    {
      PageCall *call = g_new0 (PageCall, 1);
      g_autofree char *path = NULL;
      guint start = job->next_page * job->page_size;

      call->task = task;
      call->index = job->next_page++;
      if (self->kind == MML_SERVER_KIND_PLEX)
        path = _mml_plex_page_path (self, job->what, library, start, job->page_size);
      else
        path = _mml_jellyfin_page_path (self, job->what, library, start, job->page_size);
      job->in_flight++;
      _mml_media_server_send_async (self, MML_HTTP_METHOD_GET, path, g_task_get_cancellable (task),
                                    more_page_cb, call);
    }
  if (job->in_flight > 0)
    return;
  if (job->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&job->error));
      g_object_unref (task);
      return;
    }
  for (guint i = 1; i < job->slots->len; i++)
    if (g_ptr_array_index (job->slots, i) != NULL)
      take_items (job, g_ptr_array_index (job->slots, i));
  g_clear_pointer (&job->slots, g_ptr_array_unref);
  next_library (task);
}

static void
page_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  ListJob *job = g_task_get_task_data (task);
  g_autoptr(GPtrArray) page = NULL;
  GError *error = NULL;
  guint n_items = 0;
  gint64 total = -1;

  if (!(page = parse_page (self, job, result, &n_items, &total, &error)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  take_items (job, page);

  /* the first page said how many there are: the rest at once */
  if (job->start == 0 && total > (gint64) n_items && n_items == job->page_size)
    {
      job->n_pages = (guint) ((total + job->page_size - 1) / job->page_size);
      job->slots = g_ptr_array_new_full (job->n_pages, slot_free);
      g_ptr_array_set_size (job->slots, job->n_pages);
      job->next_page = 1;
      job->pages_done = 0;
      fetch_more_pages (task);
      return;
    }

  job->start += n_items;
  /* the last page: the server says so, or it gave less than a full page
   * (never trust a count that would have us ask forever for empty pages) */
  if (n_items == 0 || (total >= 0 && job->start >= total) || (total < 0 && n_items < job->page_size))
    next_library (task);
  else
    list_next_page (task);
}

static void
list_next_page (GTask *task)
{
  MmlMediaServer *self = g_task_get_source_object (task);
  ListJob *job = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  const char *library;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (job->libraries == NULL || job->libraries[job->library] == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&job->items), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  library = job->libraries[job->library];
  if (self->kind == MML_SERVER_KIND_PLEX)
    path = _mml_plex_page_path (self, job->what, library, job->start, job->page_size);
  else
    path = _mml_jellyfin_page_path (self, job->what, library, job->start, job->page_size);
  _mml_media_server_send_async (self, MML_HTTP_METHOD_GET, path, g_task_get_cancellable (task),
                                page_done_cb, task);
}

static void
list_prepared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  ListJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char **libraries = prepare_finish (MML_MEDIA_SERVER (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (job->libraries == NULL)
    job->libraries = libraries;
  else
    g_strfreev (libraries);
  list_next_page (task);
}

static void
list_async (MmlMediaServer      *self,
            MmlServerList        what,
            const char * const  *library_ids,
            guint                page_size,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ListJob *job = g_new0 (ListJob, 1);

  g_task_set_source_tag (task, source_tag);
  job->what = what;
  job->page_size = page_size > 0 ? page_size : MML_SERVER_DEFAULT_PAGE;
  job->items = g_ptr_array_new_with_free_func (what == MML_SERVER_LIST_SERIES
                                               ? (GDestroyNotify) mml_server_series_free
                                               : (GDestroyNotify) mml_server_episode_free);
  job->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (library_ids != NULL)
    job->libraries = g_strdupv ((char **) library_ids);
  g_task_set_task_data (task, job, list_job_free);

  prepare_async (self, library_ids == NULL, cancellable, list_prepared_cb, task);
}

void
mml_media_server_list_series_async (MmlMediaServer      *self,
                                    const char * const  *library_ids,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MML_IS_MEDIA_SERVER (self));

  list_async (self, MML_SERVER_LIST_SERIES, library_ids, MML_SERVER_DEFAULT_PAGE, cancellable,
              callback, user_data, mml_media_server_list_series_async);
}

GPtrArray *
mml_media_server_list_series_finish (MmlMediaServer  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (MML_IS_MEDIA_SERVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_media_server_list_episodes_async (MmlMediaServer      *self,
                                      const char * const  *library_ids,
                                      guint                page_size,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (MML_IS_MEDIA_SERVER (self));

  list_async (self, MML_SERVER_LIST_EPISODES, library_ids, page_size, cancellable,
              callback, user_data, mml_media_server_list_episodes_async);
}

GPtrArray *
mml_media_server_list_episodes_finish (MmlMediaServer  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (MML_IS_MEDIA_SERVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- marking watched --------------------------------------------------------- */

typedef struct
{
  char     *item_id;
  gboolean  watched;
  gint64    at;
} WatchedJob;

static void
watched_job_free (gpointer data)
{
  WatchedJob *job = data;

  g_free (job->item_id);
  g_free (job);
}

static void
watched_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlHttpResponse) response = _mml_media_server_send_finish (self, result, &error);

  if (response == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
watched_prepared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  MmlMediaServer *self = MML_MEDIA_SERVER (object);
  WatchedJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unused = prepare_finish (self, result, &error);
  g_autofree char *path = NULL;
  MmlHttpMethod method = MML_HTTP_METHOD_GET;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (self->kind == MML_SERVER_KIND_PLEX)
    _mml_plex_watched_request (self, job->item_id, job->watched, job->at, &method, &path);
  else
    _mml_jellyfin_watched_request (self, job->item_id, job->watched, job->at, &method, &path);
  _mml_media_server_send_async (self, method, path, g_task_get_cancellable (task),
                                watched_sent_cb, task);
}

void
mml_media_server_set_watched_async (MmlMediaServer      *self,
                                    const char          *item_id,
                                    gboolean             watched,
                                    gint64               at,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  WatchedJob *job;

  g_return_if_fail (MML_IS_MEDIA_SERVER (self));
  g_return_if_fail (item_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_media_server_set_watched_async);
  if (item_id[0] == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("No item to mark was given"));
      g_object_unref (task);
      return;
    }
  job = g_new0 (WatchedJob, 1);
  job->item_id = g_strdup (item_id);
  job->watched = watched;
  job->at = at > 0 ? at : 0;
  g_task_set_task_data (task, job, watched_job_free);
  prepare_async (self, FALSE, cancellable, watched_prepared_cb, task);
}

gboolean
mml_media_server_set_watched_finish (MmlMediaServer  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (MML_IS_MEDIA_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
