/* mml-jellyfin.c — Jellyfin and Emby, one API family: Test (the public
 * and the signed-in system info, the user, the TV views and their
 * folders), finding the user to act for (the token's own, else the first
 * administrator for an API key), a page of series or episodes of a view,
 * the played and unplayed writes, and signing in with a password
 *
 * The /Users/{uid}/… routes are used throughout: Jellyfin 10.8 and later
 * and Emby 4.7 and later all serve them. The token travels in the
 * MediaBrowser Authorization header (and X-Emby-Token for Emby), never in
 * a URL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-jellyfin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-json.h"
#include "mml-media-server-private.h"

#define JELLYFIN_MAX_TOKEN 4096

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  return mml_json_node_object (json_array_get_element (array, i));
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, TRUE);
}

/* --- reading ---------------------------------------------------------------- */

/* ProviderIds: keys in any case ("Tvdb", "tvdb", "TVDB"), values strings
 * or numbers */
static char *
provider_id (JsonObject *item,
             const char *provider)
{
  JsonObject *ids = mml_json_get_object (item, "ProviderIds");
  g_autoptr(GList) names = ids != NULL ? json_object_get_members (ids) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = NULL;

      if (g_ascii_strcasecmp (l->data, provider) != 0)
        continue;
      value = _mml_server_dup_id (ids, l->data);
      return _mml_server_clean_provider_id (provider, value);
    }
  return NULL;
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
  const char *value = mml_json_get_string (item, "Type");

  return value == NULL || g_ascii_strcasecmp (value, type) == 0;
}

static MmlServerSeries *
read_series (JsonObject *item,
             const char *library_id)
{
  MmlServerSeries *series;

  if (!is_type (item, "Series"))
    return NULL;
  series = g_new0 (MmlServerSeries, 1);
  if ((series->id = _mml_server_dup_id (item, "Id")) == NULL)
    {
      mml_server_series_free (series);
      return NULL;
    }
  series->library_id = g_strdup (library_id);
  series->title = _mml_server_dup_text (item, "Name");
  series->year = small_int (item, "ProductionYear", 0);
  series->tvdb_id = provider_id (item, "tvdb");
  series->tmdb_id = provider_id (item, "tmdb");
  series->imdb_id = provider_id (item, "imdb");
  series->path = _mml_server_dup_path (item, "Path");
  return series;
}

static gint64
read_date (JsonObject *object,
           const char *name)
{
  const char *text = mml_json_get_string (object, name);
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) when = NULL;
  gint64 seconds;

  if (text == NULL)
    return 0;
  utc = g_time_zone_new_utc ();
  if ((when = g_date_time_new_from_iso8601 (text, utc)) == NULL)
    return 0;
  seconds = g_date_time_to_unix (when);
  /* "0001-01-01T00:00:00" is how .NET says "never" */
  return seconds > 0 ? seconds : 0;
}

static MmlServerEpisode *
read_episode (JsonObject *item)
{
  MmlServerEpisode *episode;
  JsonObject *data;
  gboolean played = FALSE;
  gint64 count = 0;
  int end;

  if (!is_type (item, "Episode"))
    return NULL;
  episode = g_new0 (MmlServerEpisode, 1);
  if ((episode->id = _mml_server_dup_id (item, "Id")) == NULL)
    {
      mml_server_episode_free (episode);
      return NULL;
    }
  episode->series_id = _mml_server_dup_id (item, "SeriesId");
  episode->season = small_int (item, "ParentIndexNumber", -1);
  episode->episode = small_int (item, "IndexNumber", -1);
  end = small_int (item, "IndexNumberEnd", -1);
  episode->episode_end = episode->episode >= 0 && end > episode->episode ? end : episode->episode;
  episode->tvdb_id = provider_id (item, "tvdb");
  episode->imdb_id = provider_id (item, "imdb");
  episode->path = _mml_server_dup_path (item, "Path");

  data = mml_json_get_object (item, "UserData");
  mml_json_get_bool (data, "Played", &played);
  episode->watched = played;
  if (_mml_server_get_int (data, "PlayCount", &count) && count > 0)
    episode->plays = (int) MIN (count, G_MAXINT);
  if (played)
    episode->watched_at = read_date (data, "LastPlayedDate");
  return episode;
}

gboolean
_mml_jellyfin_parse_page (MmlServerKind   kind,
                          MmlServerList   what,
                          JsonObject     *root,
                          const char     *library_id,
                          GPtrArray      *out,
                          guint          *n_items,
                          gint64         *total,
                          GError        **error)
{
  JsonArray *items = mml_json_get_array (root, "Items");

  if (items == NULL)
    {
      g_propagate_error (error, _mml_server_invalid (kind, what == MML_SERVER_LIST_SERIES ? _("a page of series")
                                                                                         : _("a page of episodes")));
      return FALSE;
    }
  *n_items = json_array_get_length (items);
  if (!_mml_server_get_int (root, "TotalRecordCount", total) || *total < 0)
    *total = -1;
  for (guint i = 0; i < *n_items; i++)
    {
      JsonObject *item = array_object (items, i);
      gpointer read;

      if (item == NULL)
        continue;
      read = what == MML_SERVER_LIST_SERIES ? (gpointer) read_series (item, library_id)
                                            : (gpointer) read_episode (item);
      if (read != NULL)
        g_ptr_array_add (out, read);
    }
  return TRUE;
}

char *
_mml_jellyfin_page_path (MmlMediaServer *self,
                         MmlServerList   what,
                         const char     *library_id,
                         guint           start,
                         guint           size)
{
  g_autofree char *user = escape (self->user_id);
  g_autofree char *parent = escape (library_id);
  gboolean series = what == MML_SERVER_LIST_SERIES;

  return g_strdup_printf ("/Users/%s/Items?Recursive=true&IncludeItemTypes=%s&ParentId=%s"
                          "&Fields=%s&EnableImages=false&StartIndex=%u&Limit=%u",
                          user, series ? "Series" : "Episode", parent,
                          series ? "ProviderIds,Path,ProductionYear" : "ProviderIds,Path,UserData",
                          start, size);
}

/* Whether @version ("10.9.11") is at least @major.@minor; FALSE when unknown */
static gboolean
version_at_least (const char *version,
                  guint64     major,
                  guint64     minor)
{
  g_auto(GStrv) parts = NULL;
  guint64 have_major, have_minor;

  if (version == NULL)
    return FALSE;
  parts = g_strsplit (version, ".", 3);
  if (parts[0] == NULL || parts[1] == NULL ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT32, &have_major, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, &have_minor, NULL))
    return FALSE;
  return have_major > major || (have_major == major && have_minor >= minor);
}

void
_mml_jellyfin_watched_request (MmlMediaServer  *self,
                               const char      *item_id,
                               gboolean         watched,
                               gint64           at,
                               MmlHttpMethod   *method,
                               char           **path)
{
  g_autofree char *user = escape (self->user_id);
  g_autofree char *item = escape (item_id);
  g_autofree char *date = NULL;
  /* Jellyfin 10.9 moved the played state to /UserPlayedItems (the user a
   * parameter); the /Users/{id}/PlayedItems routes are the only ones 10.8
   * has, and Emby's. Unknown versions get those. */
  gboolean user_played = self->kind == MML_SERVER_KIND_JELLYFIN && version_at_least (self->version, 10, 9);

  if (!watched)
    {
      *method = MML_HTTP_METHOD_DELETE;
      *path = user_played ? g_strdup_printf ("/UserPlayedItems/%s?userId=%s", item, user)
                          : g_strdup_printf ("/Users/%s/PlayedItems/%s", user, item);
      return;
    }
  if (at > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (at);

      if (when != NULL)
        date = g_date_time_format (when, "%Y%m%d%H%M%S");
    }
  *method = MML_HTTP_METHOD_POST;
  if (user_played)
    *path = date != NULL ? g_strdup_printf ("/UserPlayedItems/%s?userId=%s&datePlayed=%s", item, user, date)
                         : g_strdup_printf ("/UserPlayedItems/%s?userId=%s", item, user);
  else
    *path = date != NULL ? g_strdup_printf ("/Users/%s/PlayedItems/%s?DatePlayed=%s", user, item, date)
                         : g_strdup_printf ("/Users/%s/PlayedItems/%s", user, item);
}

/* --- Test, and finding the user and the views ------------------------------- */

typedef struct
{
  gboolean       test;
  gboolean       need_libraries;
  MmlServerInfo *info;
  char          *user_name;
  GPtrArray     *libraries;   /* of MmlServerLibrary */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  mml_server_info_free (job->info);
  g_free (job->user_name);
  g_clear_pointer (&job->libraries, g_ptr_array_unref);
  g_free (job);
}

static void step_user (GTask *task);
static void step_views (GTask *task);
static void step_folders (GTask *task);
static void step_done (GTask *task);

static void
fail (GTask  *task,
      GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
send (GTask               *task,
      const char          *path,
      GAsyncReadyCallback  callback)
{
  _mml_media_server_send_async (g_task_get_source_object (task), MML_HTTP_METHOD_GET, path,
                                g_task_get_cancellable (task), callback, task);
}

static void
step_done (GTask *task)
{
  MmlMediaServer *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  if (job->test)
    {
      MmlServerInfo *info = g_steal_pointer (&job->info);

      info->user_id = g_strdup (self->user_id);
      info->user_name = g_steal_pointer (&job->user_name);
      info->libraries = g_steal_pointer (&job->libraries);
      g_task_return_pointer (task, info, (GDestroyNotify) mml_server_info_free);
    }
  else if (job->need_libraries)
    {
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

      for (guint i = 0; i < job->libraries->len; i++)
        g_strv_builder_add (ids, ((MmlServerLibrary *) g_ptr_array_index (job->libraries, i))->id);
      g_task_return_pointer (task, g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
    }
  else
    g_task_return_pointer (task, NULL, NULL);
  g_object_unref (task);
}

/* GET /Library/VirtualFolders: the folders of each view. Only an
 * administrator may read them; a user's token leaves them empty. */
static void
folders_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlHttpResponse) response = _mml_media_server_send_finish (MML_MEDIA_SERVER (g_task_get_source_object (task)),
                                                                       result, &error);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *folders = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (response != NULL && (node = mml_http_response_dup_json (response, NULL)) != NULL)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        folders = json_node_get_array (node);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        folders = mml_json_get_array (json_node_get_object (node), "Items");
    }
  for (guint i = 0; folders != NULL && i < json_array_get_length (folders); i++)
    {
      JsonObject *folder = array_object (folders, i);
      g_autofree char *id = _mml_server_dup_id (folder, "ItemId");
      JsonArray *locations = mml_json_get_array (folder, "Locations");

      for (guint j = 0; id != NULL && j < job->libraries->len; j++)
        {
          MmlServerLibrary *library = g_ptr_array_index (job->libraries, j);
          g_autoptr(GStrvBuilder) paths = NULL;

          if (!g_str_equal (library->id, id) || locations == NULL)
            continue;
          paths = g_strv_builder_new ();
          for (guint k = 0; k < json_array_get_length (locations); k++)
            {
              const char *path = mml_json_node_string (json_array_get_element (locations, k));

              if (path != NULL && g_utf8_validate (path, -1, NULL))
                g_strv_builder_add (paths, path);
            }
          g_strfreev (library->locations);
          library->locations = g_strv_builder_end (paths);
        }
    }
  step_done (task);
}

static void
step_folders (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  if (!job->test || job->libraries->len == 0)
    {
      step_done (task);
      return;
    }
  send (task, "/Library/VirtualFolders", folders_cb);
}

static void
views_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = _mml_media_server_object_finish (self, result, _("the list of libraries"), &error);
  JsonArray *items = mml_json_get_array (root, "Items");

  if (root != NULL && items == NULL)
    error = _mml_server_invalid (self->kind, _("the list of libraries"));
  if (error != NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *view = array_object (items, i);
      const char *type = mml_json_get_string (view, "CollectionType");
      MmlServerLibrary *library;
      char *id;

      if (type == NULL || g_ascii_strcasecmp (type, "tvshows") != 0
          || (id = _mml_server_dup_id (view, "Id")) == NULL)
        continue;
      library = g_new0 (MmlServerLibrary, 1);
      library->id = id;
      library->title = _mml_server_dup_text (view, "Name");
      library->locations = g_new0 (char *, 1);
      g_ptr_array_add (job->libraries, library);
    }
  step_folders (task);
}

static void
step_views (GTask *task)
{
  MmlMediaServer *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autofree char *user = NULL;
  g_autofree char *path = NULL;

  if (!job->test && !job->need_libraries)
    {
      step_done (task);
      return;
    }
  user = escape (self->user_id);
  path = g_strdup_printf ("/Users/%s/Views", user);
  send (task, path, views_cb);
}

/* A user record: take its id (when @take_id) and name */
static gboolean
take_user (GTask      *task,
           JsonObject *user,
           gboolean    take_id)
{
  MmlMediaServer *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autofree char *id = _mml_server_dup_id (user, "Id");

  if (id == NULL)
    return FALSE;
  if (take_id)
    {
      g_free (self->user_id);
      self->user_id = g_steal_pointer (&id);
    }
  g_free (job->user_name);
  job->user_name = _mml_server_dup_text (user, "Name");
  return TRUE;
}

/* A list of users (Jellyfin's list, Emby's {Items}): act for the first
 * administrator */
static void
read_users (GTask           *task,
            MmlHttpResponse *response)
{
  MmlMediaServer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = _mml_server_reply_json (self->kind, response, _("the list of users"), &error);
  JsonArray *users = NULL;

  if (node == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    users = json_node_get_array (node);
  else
    users = mml_json_get_array (json_node_get_object (node), "Items");
  if (users == NULL)
    {
      fail (task, _mml_server_invalid (self->kind, _("the list of users")));
      return;
    }
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = array_object (users, i);
      JsonObject *policy = mml_json_get_object (user, "Policy");
      gboolean admin = FALSE, disabled = FALSE;

      mml_json_get_bool (policy, "IsAdministrator", &admin);
      mml_json_get_bool (policy, "IsDisabled", &disabled);
      if (admin && !disabled && take_user (task, user, TRUE))
        {
          step_views (task);
          return;
        }
    }
  fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("%s has no administrator whose watched state could be used; "
                             "sign in as a user instead of using an API key"),
                           mml_server_kind_get_label (self->kind)));
}

static void
users_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlHttpResponse) response = _mml_media_server_send_finish (g_task_get_source_object (task),
                                                                       result, &error);

  if (response == NULL)
    fail (task, g_steal_pointer (&error));
  else
    read_users (task, response);
}

static void
users_query_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlHttpResponse) response = _mml_media_server_send_finish (g_task_get_source_object (task),
                                                                       result, &error);

  /* older Emby has no /Users/Query: its /Users is the list */
  if (g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND))
    send (task, "/Users", users_cb);
  else if (response == NULL)
    fail (task, g_steal_pointer (&error));
  else
    read_users (task, response);
}

/* GET /Users/Me: the token's user. An API key is no user (the server
 * answers 400 or so): then the first administrator is acted for. */
static void
me_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  GTask *task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlHttpResponse) response = _mml_media_server_send_finish (self, result, &error);
  g_autoptr(JsonNode) node = NULL;

  if (response == NULL
      && (error->domain != MML_HTTP_ERROR
          || !(error->code == MML_HTTP_ERROR_NOT_FOUND || error->code == MML_HTTP_ERROR_SERVER)))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (response != NULL && (node = mml_http_response_dup_json (response, NULL)) != NULL
      && JSON_NODE_HOLDS_OBJECT (node) && take_user (task, json_node_get_object (node), TRUE))
    {
      step_views (task);
      return;
    }
  if (self->kind == MML_SERVER_KIND_EMBY)
    send (task, "/Users/Query", users_query_cb);
  else
    send (task, "/Users", users_cb);
}

/* GET /Users/{uid}: the name of the user we were told to act for */
static void
user_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) user = _mml_media_server_object_finish (self, result, _("the user"), &error);

  if (g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND))
    {
      fail (task, g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND,
                               _("%s has no user with the id that was given"),
                               mml_server_kind_get_label (self->kind)));
      return;
    }
  if (user != NULL && !take_user (task, user, FALSE))
    error = _mml_server_invalid (self->kind, _("the user"));
  if (error != NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  step_views (task);
}

static void
step_user (GTask *task)
{
  MmlMediaServer *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  if (self->user_id == NULL)
    send (task, "/Users/Me", me_cb);
  else if (job->test)
    {
      g_autofree char *user = escape (self->user_id);
      g_autofree char *path = g_strdup_printf ("/Users/%s", user);

      send (task, path, user_cb);
    }
  else
    step_views (task);
}

/* GET /System/Info: needs the token, so it tells whether it is good */
static void
system_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = _mml_media_server_object_finish (self, result, _("its system information"), &error);
  char *text;

  if (root == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  if ((text = _mml_server_dup_text (root, "ServerName")) != NULL)
    {
      g_free (job->info->server_name);
      job->info->server_name = text;
    }
  if ((text = _mml_server_dup_text (root, "Version")) != NULL)
    {
      g_free (job->info->version);
      job->info->version = text;
    }
  step_user (task);
}

/* GET /System/Info/Public: no token needed; says what the server is */
static void
public_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  MmlMediaServer *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = _mml_media_server_object_finish (self, result, _("its public information"), &error);
  const char *product;

  if (root != NULL && (job->info->server_id = _mml_server_dup_id (root, "Id")) == NULL)
    error = _mml_server_invalid (self->kind, _("its public information"));
  if (error != NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  /* only Jellyfin names its product */
  product = mml_json_get_string (root, "ProductName");
  if (self->kind == MML_SERVER_KIND_EMBY && product != NULL && strstr (product, "Jellyfin") != NULL)
    {
      fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The server at this address is a Jellyfin server, not Emby; choose Jellyfin")));
      return;
    }
  job->info->server_name = _mml_server_dup_text (root, "ServerName");
  job->info->version = _mml_server_dup_text (root, "Version");
  send (task, "/System/Info", system_info_cb);
}

static Job *
job_new (gboolean test,
         gboolean need_libraries)
{
  Job *job = g_new0 (Job, 1);

  job->test = test;
  job->need_libraries = need_libraries;
  job->libraries = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_server_library_free);
  if (test)
    job->info = g_new0 (MmlServerInfo, 1);
  return job;
}

void
_mml_jellyfin_test_async (MmlMediaServer *self,
                          GTask          *task)
{
  g_task_set_task_data (task, job_new (TRUE, TRUE), job_free);
  send (task, "/System/Info/Public", public_info_cb);
}

void
_mml_jellyfin_prepare_async (MmlMediaServer *self,
                             gboolean        need_libraries,
                             GTask          *task)
{
  g_task_set_task_data (task, job_new (FALSE, need_libraries), job_free);
  step_user (task);
}

/* --- signing in ------------------------------------------------------------ */

typedef struct
{
  MmlServerKind  kind;
  char          *user_id;
} SignInJob;

static void
sign_in_job_free (gpointer data)
{
  SignInJob *job = data;

  g_free (job->user_id);
  g_free (job);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInJob *job = g_task_get_task_data (task);
  const char *label = mml_server_kind_get_label (job->kind);
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlHttpResponse) response = mml_http_send_finish (MML_HTTP (object), result, &error);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  const char *token;

  if (g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH,
                               _("%s refused the user name or the password"), label);
      return;
    }
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if ((node = _mml_server_reply_json (job->kind, response, _("the answer to the sign-in"), &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  root = mml_json_node_object (node);
  token = mml_json_get_string (root, "AccessToken");
  job->user_id = _mml_server_dup_id (mml_json_get_object (root, "User"), "Id");
  if (token == NULL || strlen (token) > JELLYFIN_MAX_TOKEN || job->user_id == NULL)
    {
      g_task_return_error (task, _mml_server_invalid (job->kind, _("the answer to the sign-in")));
      return;
    }
  g_task_return_pointer (task, g_strdup (token), (GDestroyNotify) _mml_server_wipe);
}

void
mml_media_server_sign_in_async (MmlHttp             *http,
                                MmlServerKind        kind,
                                const char          *url,
                                const char          *user,
                                const char          *password,
                                const char          *client_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *base = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) body = NULL;
  SignInJob *job;
  GTask *task;
  char *json;
  gsize len;

  g_return_if_fail (MML_IS_HTTP (http));
  g_return_if_fail (url != NULL);
  g_return_if_fail (user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_media_server_sign_in_async);
  job = g_new0 (SignInJob, 1);
  job->kind = kind;
  g_task_set_task_data (task, job, sign_in_job_free);
  if (kind == MML_SERVER_KIND_PLEX)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Plex signs in with a PIN on plex.tv, not with a password"));
      g_object_unref (task);
      return;
    }

  base = g_strstrip (g_strdup (url));
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  endpoint = g_strconcat (base, "/Users/AuthenticateByName", NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Username");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "Pw");
  json_builder_add_string_value (builder, password != NULL ? password : "");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, body);
  json = json_generator_to_data (generator, NULL);

  _mml_server_send_async (http, kind, endpoint, MML_HTTP_METHOD_POST, client_id, NULL, json,
                          cancellable, signed_in_cb, task);
  _mml_server_wipe (json);
}

char *
mml_media_server_sign_in_finish (GAsyncResult  *result,
                                 char         **user_id,
                                 GError       **error)
{
  SignInJob *job;
  char *token;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_media_server_sign_in_async, NULL);

  token = g_task_propagate_pointer (G_TASK (result), error);
  job = g_task_get_task_data (G_TASK (result));
  if (user_id != NULL)
    *user_id = token != NULL ? g_strdup (job->user_id) : NULL;
  return token;
}
