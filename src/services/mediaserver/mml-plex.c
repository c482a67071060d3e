/* mml-plex.c — Plex Media Server and plex.tv: Test (/identity, the show
 * sections, the server's name and owner), a page of shows or episodes of a
 * section with the ids of its Guid list (or of a legacy agent's guid), the
 * scrobble and unscrobble, and signing in with a PIN then finding the
 * account's servers and a connection of each that answers
 *
 * The token goes in X-Plex-Token, never in a URL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-plex"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-json.h"
#include "mml-media-server-private.h"

#define PLEX_TYPE_SHOW    2
#define PLEX_TYPE_EPISODE 4
#define PLEX_MAX_TOKEN    4096

/* --- reading ---------------------------------------------------------------- */

static JsonObject *
container (JsonObject *root)
{
  return mml_json_get_object (root, "MediaContainer");
}

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  return mml_json_node_object (json_array_get_element (array, i));
}

/* A provider of a guid's scheme ("tvdb", "tmdb", "imdb"), or NULL */
static const char *
guid_provider (const char *scheme)
{
  const char *prefixes[] = { "com.plexapp.agents.", "tv.plex.agents." };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (scheme, prefixes[i]))
      scheme += strlen (prefixes[i]);
  if (g_ascii_strcasecmp (scheme, "tvdb") == 0 || g_ascii_strcasecmp (scheme, "thetvdb") == 0)
    return "tvdb";
  if (g_ascii_strcasecmp (scheme, "tmdb") == 0 || g_ascii_strcasecmp (scheme, "themoviedb") == 0)
    return "tmdb";
  if (g_ascii_strcasecmp (scheme, "imdb") == 0)
    return "imdb";
  if (g_ascii_strcasecmp (scheme, "hama") == 0)
    return "hama";
  return NULL;
}

typedef struct
{
  char *tvdb;
  char *tmdb;
  char *imdb;
} GuidIds;

static void
guid_ids_take (GuidIds    *ids,
               const char *provider,
               char       *value /* owned */)
{
  char **slot = g_str_equal (provider, "tvdb") ? &ids->tvdb
              : g_str_equal (provider, "tmdb") ? &ids->tmdb : &ids->imdb;

  if (*slot == NULL)
    *slot = value;
  else
    g_free (value);
}

/* One guid: "tvdb://123" (new agents' Guid list, the item's own id), or a
 * legacy agent's "com.plexapp.agents.thetvdb://81189/1/1?lang=en", whose
 * path is show/season/episode: only a show's guid names the item itself. */
static void
read_guid (GuidIds    *ids,
           const char *guid,
           gboolean    legacy,
           gboolean    episode)
{
  g_autofree char *scheme = NULL;
  g_autofree char *value = NULL;
  const char *sep, *provider;
  char *cut;

  if (guid == NULL || (sep = strstr (guid, "://")) == NULL)
    return;
  scheme = g_strndup (guid, sep - guid);
  if ((provider = guid_provider (scheme)) == NULL)
    return;
  value = g_strdup (sep + 3);
  if ((cut = strchr (value, '?')) != NULL)
    *cut = '\0';
  if (legacy && strchr (value, '/') != NULL)
    {
      if (episode)
        return;
      *strchr (value, '/') = '\0';
    }
  if (legacy && episode)
    return;
  if (g_str_equal (provider, "hama"))
    {
      /* "tvdb-81189"; anidb ids have no place here */
      if (!g_str_has_prefix (value, "tvdb-"))
        return;
      provider = "tvdb";
      memmove (value, value + 5, strlen (value + 5) + 1);
    }
  guid_ids_take (ids, provider, _mml_server_clean_provider_id (provider, value));
}

static void
read_guids (JsonObject *item,
            gboolean    episode,
            GuidIds    *ids)
{
  JsonArray *list = mml_json_get_array (item, "Guid");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    read_guid (ids, mml_json_get_string (array_object (list, i), "id"), FALSE, episode);
  read_guid (ids, mml_json_get_string (item, "guid"), TRUE, episode);
}

static int
small_int (JsonObject *object,
           const char *name,
           int         fallback)
{
  gint64 value;

  if (_mml_server_get_int (object, name, &value) && value >= 0 && value <= G_MAXINT)
    return (int) value;
  return fallback;
}

static gboolean
is_type (JsonObject *item,
         const char *type)
{
  const char *value = mml_json_get_string (item, "type");

  return value == NULL || g_str_equal (value, type);
}

static MmlServerSeries *
read_show (JsonObject *item,
           const char *library_id)
{
  MmlServerSeries *series;
  GuidIds ids = { 0 };
  JsonArray *locations;

  if (!is_type (item, "show"))
    return NULL;
  series = g_new0 (MmlServerSeries, 1);
  if ((series->id = _mml_server_dup_id (item, "ratingKey")) == NULL)
    {
      mml_server_series_free (series);
      return NULL;
    }
  series->library_id = g_strdup (library_id);
  series->title = _mml_server_dup_text (item, "title");
  series->year = small_int (item, "year", 0);
  read_guids (item, FALSE, &ids);
  series->tvdb_id = ids.tvdb;
  series->tmdb_id = ids.tmdb;
  series->imdb_id = ids.imdb;
  /* lists leave the folder out; a detailed record has it */
  if ((locations = mml_json_get_array (item, "Location")) != NULL && json_array_get_length (locations) > 0)
    series->path = _mml_server_dup_path (array_object (locations, 0), "path");
  return series;
}

static MmlServerEpisode *
read_episode (JsonObject *item)
{
  MmlServerEpisode *episode;
  GuidIds ids = { 0 };
  JsonArray *media, *parts;
  gint64 views = 0, viewed_at = 0;

  if (!is_type (item, "episode"))
    return NULL;
  episode = g_new0 (MmlServerEpisode, 1);
  if ((episode->id = _mml_server_dup_id (item, "ratingKey")) == NULL)
    {
      mml_server_episode_free (episode);
      return NULL;
    }
  episode->series_id = _mml_server_dup_id (item, "grandparentRatingKey");
  episode->season = small_int (item, "parentIndex", -1);
  episode->episode = small_int (item, "index", -1);
  episode->episode_end = episode->episode;
  read_guids (item, TRUE, &ids);
  episode->tvdb_id = ids.tvdb;
  episode->imdb_id = ids.imdb;
  g_free (ids.tmdb);
  if ((media = mml_json_get_array (item, "Media")) != NULL && json_array_get_length (media) > 0
      && (parts = mml_json_get_array (array_object (media, 0), "Part")) != NULL
      && json_array_get_length (parts) > 0)
    episode->path = _mml_server_dup_path (array_object (parts, 0), "file");
  /* both are left out when 0 */
  if (_mml_server_get_int (item, "viewCount", &views) && views > 0)
    {
      episode->watched = TRUE;
      episode->plays = (int) MIN (views, G_MAXINT);
      if (_mml_server_get_int (item, "lastViewedAt", &viewed_at) && viewed_at > 0)
        episode->watched_at = viewed_at;
    }
  return episode;
}

gboolean
_mml_plex_parse_page (MmlServerList   what,
                      JsonObject     *root,
                      const char     *library_id,
                      GPtrArray      *out,
                      guint          *n_items,
                      gint64         *total,
                      GError        **error)
{
  JsonObject *c = container (root);
  JsonArray *items;

  if (c == NULL)
    {
      g_propagate_error (error, _mml_server_invalid (MML_SERVER_KIND_PLEX,
                                                     what == MML_SERVER_LIST_SERIES ? _("a page of series")
                                                                                    : _("a page of episodes")));
      return FALSE;
    }
  /* an empty page has no Metadata at all */
  items = mml_json_get_array (c, "Metadata");
  *n_items = items != NULL ? json_array_get_length (items) : 0;
  if (!_mml_server_get_int (c, "totalSize", total) || *total < 0)
    *total = -1;
  for (guint i = 0; i < *n_items; i++)
    {
      JsonObject *item = array_object (items, i);
      gpointer read;

      if (item == NULL)
        continue;
      read = what == MML_SERVER_LIST_SERIES ? (gpointer) read_show (item, library_id)
                                            : (gpointer) read_episode (item);
      if (read != NULL)
        g_ptr_array_add (out, read);
    }
  return TRUE;
}

/* The show sections, with their folders */
static GPtrArray *
read_sections (JsonObject  *root,
               GError     **error)
{
  JsonObject *c = container (root);
  JsonArray *dirs;
  GPtrArray *libraries;

  if (c == NULL)
    {
      g_propagate_error (error, _mml_server_invalid (MML_SERVER_KIND_PLEX, _("the list of libraries")));
      return NULL;
    }
  libraries = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_server_library_free);
  dirs = mml_json_get_array (c, "Directory");
  for (guint i = 0; dirs != NULL && i < json_array_get_length (dirs); i++)
    {
      JsonObject *dir = array_object (dirs, i);
      const char *type = mml_json_get_string (dir, "type");
      JsonArray *locations = mml_json_get_array (dir, "Location");
      g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
      MmlServerLibrary *library;
      char *id;

      if (g_strcmp0 (type, "show") != 0 || (id = _mml_server_dup_id (dir, "key")) == NULL)
        continue;
      library = g_new0 (MmlServerLibrary, 1);
      library->id = id;
      library->title = _mml_server_dup_text (dir, "title");
      for (guint j = 0; locations != NULL && j < json_array_get_length (locations); j++)
        {
          g_autofree char *path = _mml_server_dup_path (array_object (locations, j), "path");

          if (path != NULL)
            g_strv_builder_add (paths, path);
        }
      library->locations = g_strv_builder_end (paths);
      g_ptr_array_add (libraries, library);
    }
  return libraries;
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, TRUE);
}

char *
_mml_plex_page_path (MmlMediaServer *self,
                     MmlServerList   what,
                     const char     *library_id,
                     guint           start,
                     guint           size)
{
  g_autofree char *section = escape (library_id);

  return g_strdup_printf ("/library/sections/%s/all?type=%d&includeGuids=1"
                          "&X-Plex-Container-Start=%u&X-Plex-Container-Size=%u",
                          section, what == MML_SERVER_LIST_SERIES ? PLEX_TYPE_SHOW : PLEX_TYPE_EPISODE,
                          start, size);
}

void
_mml_plex_watched_request (MmlMediaServer  *self,
                           const char      *item_id,
                           gboolean         watched,
                           gint64           at,
                           MmlHttpMethod   *method,
                           char           **path)
{
  g_autofree char *key = escape (item_id);

  /* Plex takes no date: the time of the scrobble is the time it keeps */
  *method = MML_HTTP_METHOD_GET;
  *path = g_strdup_printf ("/:/%s?key=%s&identifier=com.plexapp.plugins.library",
                           watched ? "scrobble" : "unscrobble", key);
}

/* --- Test and getting ready --------------------------------------------------- */

typedef struct
{
  MmlServerInfo *info;
} TestJob;

static void
test_job_free (gpointer data)
{
  TestJob *job = data;

  mml_server_info_free (job->info);
  g_free (job);
}

static MmlServerInfo *
test_info (GTask *task)
{
  return ((TestJob *) g_task_get_task_data (task))->info;
}

static void
root_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  TestJob *job = g_task_get_task_data (task);
  MmlServerInfo *info = job->info;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = _mml_media_server_object_finish (self, result, _("the server’s description"), &error);
  JsonObject *c = container (root);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* the name and the owner are nice to have: an older server may not say */
  if (c != NULL)
    {
      info->server_name = _mml_server_dup_text (c, "friendlyName");
      info->user_name = _mml_server_dup_text (c, "myPlexUsername");
    }
  g_task_return_pointer (task, g_steal_pointer (&job->info), (GDestroyNotify) mml_server_info_free);
}

static void
sections_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  MmlServerInfo *info = test_info (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = _mml_media_server_object_finish (self, result, _("the list of libraries"), &error);

  if (root == NULL || (info->libraries = read_sections (root, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  _mml_media_server_send_async (self, MML_HTTP_METHOD_GET, "/", g_task_get_cancellable (task), root_cb, task);
}

static void
identity_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  MmlServerInfo *info = test_info (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = _mml_media_server_object_finish (self, result, _("its identity"), &error);
  JsonObject *c = container (root);

  if (root != NULL && (c == NULL || (info->server_id = _mml_server_dup_id (c, "machineIdentifier")) == NULL))
    error = _mml_server_invalid (self->kind, _("its identity"));
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  info->version = _mml_server_dup_text (c, "version");
  _mml_media_server_send_async (self, MML_HTTP_METHOD_GET, "/library/sections", g_task_get_cancellable (task),
                                sections_cb, task);
}

void
_mml_plex_test_async (MmlMediaServer *self,
                      GTask          *task)
{
  TestJob *job = g_new0 (TestJob, 1);

  job->info = g_new0 (MmlServerInfo, 1);
  g_task_set_task_data (task, job, test_job_free);
  _mml_media_server_send_async (self, MML_HTTP_METHOD_GET, "/identity", g_task_get_cancellable (task),
                                identity_cb, task);
}

static void
prepare_sections_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = _mml_media_server_object_finish (self, result, _("the list of libraries"), &error);
  g_autoptr(GPtrArray) libraries = root != NULL ? read_sections (root, &error) : NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  if (libraries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < libraries->len; i++)
    g_strv_builder_add (ids, ((MmlServerLibrary *) g_ptr_array_index (libraries, i))->id);
  g_task_return_pointer (task, g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
}

void
_mml_plex_prepare_async (MmlMediaServer *self,
                         gboolean        need_libraries,
                         GTask          *task)
{
  if (!need_libraries)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }
  _mml_media_server_send_async (self, MML_HTTP_METHOD_GET, "/library/sections", g_task_get_cancellable (task),
                                prepare_sections_cb, task);
}

/* --- plex.tv ---------------------------------------------------------------- */

const char *
mml_plex_tv_url (void)
{
  const char *url = g_getenv ("MML_PLEXTV_URL");

  return url != NULL && url[0] != '\0' ? url : "https://plex.tv";
}

static char *
plex_tv (const char *path)
{
  g_autofree char *base = g_strdup (mml_plex_tv_url ());
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  return g_strconcat (base, path, NULL);
}

static GError *
plex_tv_invalid (const char *what)
{
  return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                      _("plex.tv sent %s that cannot be read"), what);
}

/* The reply of a plex.tv request as an object, or NULL with @error */
static JsonObject *
plex_tv_object (MmlHttp       *http,
                GAsyncResult  *result,
                const char    *what,
                GError       **error)
{
  g_autoptr(MmlHttpResponse) response = mml_http_send_finish (http, result, error);
  g_autoptr(JsonNode) node = NULL;

  if (response == NULL)
    return NULL;
  node = mml_http_response_dup_json (response, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, plex_tv_invalid (what));
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

void
mml_plex_pin_free (MmlPlexPin *pin)
{
  if (pin == NULL)
    return;
  g_free (pin->code);
  g_free (pin->auth_url);
  g_free (pin);
}

void
mml_plex_server_free (MmlPlexServer *server)
{
  if (server == NULL)
    return;
  g_free (server->name);
  g_free (server->machine_id);
  g_clear_pointer (&server->access_token, _mml_server_wipe);
  g_free (server->uri);
  g_free (server);
}

static void
pin_created_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *client_id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = plex_tv_object (MML_HTTP (object), result, _("a new PIN"), &error);
  g_autoptr(MmlPlexPin) pin = g_new0 (MmlPlexPin, 1);
  g_autofree char *cid = NULL, *code = NULL, *product = NULL;
  const char *expires;
  gint64 seconds;

  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!_mml_server_get_int (root, "id", &pin->id) || pin->id <= 0
      || (pin->code = _mml_server_dup_id (root, "code")) == NULL)
    {
      g_task_return_error (task, plex_tv_invalid (_("a new PIN")));
      return;
    }
  if ((expires = mml_json_get_string (root, "expiresAt")) != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (expires, utc);

      if (when != NULL)
        pin->expires_at = g_date_time_to_unix (when);
    }
  if (pin->expires_at == 0 && _mml_server_get_int (root, "expiresIn", &seconds) && seconds > 0)
    pin->expires_at = g_get_real_time () / G_USEC_PER_SEC + seconds;
  cid = escape (client_id);
  code = escape (pin->code);
  product = escape (MML_SERVER_PRODUCT);
  pin->auth_url = g_strdup_printf ("https://app.plex.tv/auth#?clientID=%s&code=%s"
                                   "&context%%5Bdevice%%5D%%5Bproduct%%5D=%s", cid, code, product);
  g_task_return_pointer (task, g_steal_pointer (&pin), (GDestroyNotify) mml_plex_pin_free);
}

void
mml_plex_pin_create_async (MmlHttp             *http,
                           const char          *client_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *url = plex_tv ("/api/v2/pins?strong=true");
  GTask *task;

  g_return_if_fail (MML_IS_HTTP (http));
  g_return_if_fail (client_id != NULL);

  task = g_task_new (http, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_plex_pin_create_async);
  g_task_set_task_data (task, g_strdup (client_id), g_free);
  _mml_server_send_async (http, MML_SERVER_KIND_PLEX, url, MML_HTTP_METHOD_POST, client_id, NULL, NULL,
                          cancellable, pin_created_cb, task);
}

MmlPlexPin *
mml_plex_pin_create_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_plex_pin_create_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pin_checked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = plex_tv_object (MML_HTTP (object), result, _("the state of the PIN"), &error);
  char *token;

  if (g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               _("The Plex PIN has expired; ask for a new one"));
      return;
    }
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (mml_json_member (root, "id") == NULL && mml_json_member (root, "code") == NULL)
    {
      g_task_return_error (task, plex_tv_invalid (_("the state of the PIN")));
      return;
    }
  token = _mml_server_dup_id (root, "authToken");
  g_task_return_pointer (task, token, (GDestroyNotify) _mml_server_wipe);
}

void
mml_plex_pin_check_async (MmlHttp             *http,
                          const char          *client_id,
                          gint64               pin_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/api/v2/pins/%" G_GINT64_FORMAT, pin_id);
  g_autofree char *url = plex_tv (path);
  GTask *task;

  g_return_if_fail (MML_IS_HTTP (http));
  g_return_if_fail (client_id != NULL);

  task = g_task_new (http, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_plex_pin_check_async);
  _mml_server_send_async (http, MML_SERVER_KIND_PLEX, url, MML_HTTP_METHOD_GET, client_id, NULL, NULL,
                          cancellable, pin_checked_cb, task);
}

char *
mml_plex_pin_check_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_plex_pin_check_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- plex.tv: the servers ----------------------------------------------------- */

typedef struct
{
  char      *client_id;
  char      *account_token;
  GPtrArray *servers;     /* of MmlPlexServer, in plex.tv's order */
  GPtrArray *probes;      /* of Probe, one a server */
  guint      pending;
} ServersJob;

typedef struct
{
  GTask         *task;         /* not a reference: the job holds it */
  MmlPlexServer *server;
  GPtrArray     *uris;         /* the connections, in the order to try */
  guint          next;
} Probe;

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  g_ptr_array_unref (probe->uris);
  g_free (probe);
}

static void
servers_job_free (gpointer data)
{
  ServersJob *job = data;

  g_free (job->client_id);
  g_clear_pointer (&job->account_token, _mml_server_wipe);
  g_clear_pointer (&job->servers, g_ptr_array_unref);
  g_clear_pointer (&job->probes, g_ptr_array_unref);
  g_free (job);
}

static gboolean
get_flag (JsonObject *object,
          const char *name)
{
  gboolean flag = FALSE;
  gint64 number = 0;

  if (mml_json_get_bool (object, name, &flag))
    return flag;
  if (_mml_server_get_int (object, name, &number))
    return number != 0;
  return FALSE;
}

typedef struct
{
  char *uri;
  int   rank;
} Connection;

static int
compare_connections (gconstpointer a,
                     gconstpointer b)
{
  const Connection *ca = a, *cb = b;

  return ca->rank - cb->rank;
}

/* local before remote before relay; https before http within each */
static GPtrArray *
read_connections (JsonObject *resource)
{
  JsonArray *list = mml_json_get_array (resource, "connections");
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Connection));
  GPtrArray *uris = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *c = array_object (list, i);
      const char *uri = mml_json_get_string (c, "uri");
      Connection connection;
      gboolean https;

      if (uri == NULL || strlen (uri) > 2048 || !g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
        continue;
      https = g_str_has_prefix (uri, "https://");
      if (!https && !g_str_has_prefix (uri, "http://"))
        continue;
      connection.uri = (char *) uri;
      connection.rank = (get_flag (c, "relay") ? 4 : get_flag (c, "local") ? 0 : 2) + (https ? 0 : 1);
      /* a stable sort: plex.tv's order stays within a rank */
      connection.rank = connection.rank * 1000 + (int) MIN (i, 999);
      g_array_append_val (found, connection);
    }
  g_array_sort (found, compare_connections);
  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *uri = g_strdup (g_array_index (found, Connection, i).uri);
      gsize len = strlen (uri);

      while (len > 0 && uri[len - 1] == '/')
        uri[--len] = '\0';
      g_ptr_array_add (uris, g_steal_pointer (&uri));
    }
  return uris;
}

static void probe_next (Probe *probe);

static void
servers_done (GTask *task)
{
  ServersJob *job = g_task_get_task_data (task);

  if (--job->pending > 0)
    return;
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&job->servers), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
identity_probed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Probe *probe = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = plex_tv_object (MML_HTTP (object), result, _("its identity"), &error);
  JsonObject *c = container (root);
  g_autofree char *machine = _mml_server_dup_id (c, "machineIdentifier");

  /* it answered, and it is that server (not another one at that address) */
  if (c != NULL && (machine == NULL || probe->server->machine_id == NULL
                    || g_str_equal (machine, probe->server->machine_id)))
    {
      probe->server->uri = g_strdup (g_ptr_array_index (probe->uris, probe->next - 1));
      servers_done (probe->task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      servers_done (probe->task);
      return;
    }
  probe_next (probe);
}

static void
probe_next (Probe *probe)
{
  ServersJob *job = g_task_get_task_data (probe->task);
  g_autofree char *url = NULL;
  const char *token;

  if (probe->next >= probe->uris->len)
    {
      servers_done (probe->task);
      return;
    }
  url = g_strconcat (g_ptr_array_index (probe->uris, probe->next++), "/identity", NULL);
  token = probe->server->access_token != NULL ? probe->server->access_token : job->account_token;
  _mml_server_send_async (g_task_get_source_object (probe->task), MML_SERVER_KIND_PLEX, url,
                          MML_HTTP_METHOD_GET, job->client_id, token, NULL,
                          g_task_get_cancellable (probe->task), identity_probed_cb, probe);
}

static gboolean
provides_server (JsonObject *resource)
{
  const char *provides = mml_json_get_string (resource, "provides");
  g_auto(GStrv) parts = NULL;

  if (provides == NULL)
    return FALSE;
  parts = g_strsplit (provides, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (g_strstrip (parts[i]), "server"))
      return TRUE;
  return FALSE;
}

static void
resources_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  ServersJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlHttpResponse) response = mml_http_send_finish (MML_HTTP (object), result, &error);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list;

  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  node = mml_http_response_dup_json (response, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_task_return_error (task, plex_tv_invalid (_("the list of servers")));
      g_object_unref (task);
      return;
    }
  list = json_node_get_array (node);
  /* one for the loop below, so a probe that ends at once ends nothing */
  job->pending = 1;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *resource = array_object (list, i);
      MmlPlexServer *server;
      Probe *probe;
      char *token;

      if (resource == NULL || !provides_server (resource))
        continue;
      server = g_new0 (MmlPlexServer, 1);
      server->name = _mml_server_dup_text (resource, "name");
      server->machine_id = _mml_server_dup_id (resource, "clientIdentifier");
      token = mml_json_get_string (resource, "accessToken") != NULL
              && strlen (mml_json_get_string (resource, "accessToken")) <= PLEX_MAX_TOKEN
              ? g_strdup (mml_json_get_string (resource, "accessToken")) : NULL;
      server->access_token = token != NULL ? token : g_strdup (job->account_token);
      server->owned = get_flag (resource, "owned");
      g_ptr_array_add (job->servers, server);

      probe = g_new0 (Probe, 1);
      probe->task = task;
      probe->server = server;
      probe->uris = read_connections (resource);
      g_ptr_array_add (job->probes, probe);
    }
  job->pending += job->probes->len;
  for (guint i = 0; i < job->probes->len; i++)
    probe_next (g_ptr_array_index (job->probes, i));
  servers_done (task);
}

void
mml_plex_servers_async (MmlHttp             *http,
                        const char          *client_id,
                        const char          *account_token,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *url = plex_tv ("/api/v2/resources?includeHttps=1&includeRelay=1");
  ServersJob *job;
  GTask *task;

  g_return_if_fail (MML_IS_HTTP (http));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (account_token != NULL);

  task = g_task_new (http, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_plex_servers_async);
  job = g_new0 (ServersJob, 1);
  job->client_id = g_strdup (client_id);
  job->account_token = g_strdup (account_token);
  job->servers = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_plex_server_free);
  job->probes = g_ptr_array_new_with_free_func (probe_free);
  g_task_set_task_data (task, job, servers_job_free);
  _mml_server_send_async (http, MML_SERVER_KIND_PLEX, url, MML_HTTP_METHOD_GET, client_id, account_token,
                          NULL, cancellable, resources_cb, task);
}

GPtrArray *
mml_plex_servers_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_plex_servers_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
