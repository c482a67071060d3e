/* mml-watch-event.c — a media server's webhook payload read into an
 * MmlWatchEvent (see the header)
 *
 * Each sender has its reader; they share the type-checked getters below,
 * which take a member that is missing, null or "" for an absent one and
 * fail on anything else they cannot read, so that a payload is either read
 * whole or refused with the member named.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-watch-event"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mml-json.h"
#include "mml-watch-event.h"

/* Season and episode numbers past this are taken for unknown. */
#define MAX_NUMBER     99999999
/* Digits of a number written as a string. */
#define MAX_DIGITS     9
/* Nesting of the payload followed by the de-duplication key. */
#define MAX_KEY_DEPTH  64
/* Unix seconds: up to the year 5138. */
#define MAX_UNIX_TIME  G_GINT64_CONSTANT (100000000000)

const char *
mml_watch_action_to_string (MmlWatchAction action)
{
  switch (action)
    {
    case MML_WATCH_ACTION_WATCHED:
      return "watched";
    case MML_WATCH_ACTION_UNWATCHED:
      return "unwatched";
    case MML_WATCH_ACTION_NONE:
    default:
      return "none";
    }
}

void
mml_watch_event_free (MmlWatchEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->sender);
  g_free (event->event);
  g_free (event->server_id);
  g_free (event->user_id);
  g_free (event->user_name);
  g_free (event->item_id);
  g_free (event->item_type);
  g_free (event->title);
  g_free (event->series_title);
  g_free (event->tvdb_id);
  g_free (event->imdb_id);
  g_free (event->tmdb_id);
  g_free (event->path);
  g_free (event->key);
  g_free (event);
}

/* --- reading members ---------------------------------------------------- */

static gboolean invalid (GError    **error,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  g_free (message);
  return FALSE;
}

/* The member, or NULL for a missing one, a JSON null and "". */
static JsonNode *
present (JsonObject *object,
         const char *name)
{
  JsonNode *node = mml_json_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      && g_strcmp0 (json_node_get_string (node), "") == 0)
    return NULL;
  return node;
}

static gboolean
is_type (JsonNode *node,
         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A member that must be an object when it is there. */
static gboolean
get_object (JsonObject  *object,
            const char  *name,
            const char  *label,
            JsonObject **out,
            GError     **error)
{
  JsonNode *node = present (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    /* TRANSLATORS: %s names a member of a webhook's JSON, "Metadata" */
    return invalid (error, _("The webhook’s “%s” is not an object."), label);
  *out = json_node_get_object (node);
  return TRUE;
}

/* A string of valid UTF-8 within @max bytes, without control characters
 * when @single_line; FALSE with an error naming @label otherwise. */
static gboolean
check_string (const char *value,
              gsize       max,
              gboolean    single_line,
              const char *label,
              GError    **error)
{
  gsize len = strlen (value);

  if (len > max)
    /* TRANSLATORS: %s names a member of a webhook's JSON */
    return invalid (error, _("The webhook’s “%s” is too long."), label);
  if (!g_utf8_validate (value, (gssize) len, NULL))
    /* TRANSLATORS: %s names a member of a webhook's JSON */
    return invalid (error, _("The webhook’s “%s” is not valid UTF-8 text."), label);
  if (single_line)
    for (gsize i = 0; i < len; i++)
      if ((guchar) value[i] < 0x20 || value[i] == 0x7f)
        /* TRANSLATORS: %s names a member of a webhook's JSON */
        return invalid (error, _("The webhook’s “%s” holds control characters."), label);
  return TRUE;
}

/* An id: a string, or with @numeric an integer (Plex's account ids)
 * written out. */
static gboolean
get_id_full (JsonObject  *object,
             const char  *name,
             const char  *label,
             gboolean     numeric,
             char       **out,
             GError     **error)
{
  JsonNode *node = present (object, name);
  gint64 number;

  g_clear_pointer (out, g_free);
  if (node == NULL)
    return TRUE;
  if (numeric && mml_json_node_exact_int (node, &number))
    {
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, number);
      return TRUE;
    }
  if (!is_type (node, G_TYPE_STRING))
    /* TRANSLATORS: %s names a member of a webhook's JSON, "ItemId" */
    return invalid (error, _("The webhook’s “%s” is not a string."), label);
  if (!check_string (json_node_get_string (node), MML_WATCH_EVENT_MAX_ID, TRUE, label, error))
    return FALSE;
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* An id, a string or an integer. */
static gboolean
get_id (JsonObject  *object,
        const char  *name,
        const char  *label,
        char       **out,
        GError     **error)
{
  return get_id_full (object, name, label, TRUE, out, error);
}

/* A name of ours: an event, a type, a reason; strings only. */
static gboolean
get_name (JsonObject  *object,
          const char  *name,
          const char  *label,
          char       **out,
          GError     **error)
{
  return get_id_full (object, name, label, FALSE, out, error);
}

/* Text a person reads: a name, a title, a path. */
static gboolean
get_text (JsonObject  *object,
          const char  *name,
          const char  *label,
          char       **out,
          GError     **error)
{
  JsonNode *node = present (object, name);

  g_clear_pointer (out, g_free);
  if (node == NULL)
    return TRUE;
  if (!is_type (node, G_TYPE_STRING))
    return invalid (error, _("The webhook’s “%s” is not a string."), label);
  if (!check_string (json_node_get_string (node), MML_WATCH_EVENT_MAX_TEXT, FALSE, label, error))
    return FALSE;
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* A season or episode number: an integer, a whole double, or a string of
 * digits. Out of range (negative, huge) reads as unknown; -1 when absent. */
static gboolean
get_number (JsonObject *object,
            const char *name,
            const char *label,
            int        *out,
            GError    **error)
{
  JsonNode *node = present (object, name);
  gint64 number;

  *out = -1;
  if (node == NULL)
    return TRUE;
  if (is_type (node, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (node);
      gsize len = strlen (text);

      if (len > MAX_DIGITS)
        return invalid (error, _("The webhook’s “%s” is not a number."), label);
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isdigit (text[i]))
          /* TRANSLATORS: %s names a member of a webhook's JSON, "SeasonNumber" */
          return invalid (error, _("The webhook’s “%s” is not a number."), label);
      number = g_ascii_strtoll (text, NULL, 10);
    }
  else if (!mml_json_get_int (object, name, &number))
    return invalid (error, _("The webhook’s “%s” is not a number."), label);
  if (number >= 0 && number <= MAX_NUMBER)
    *out = (int) number;
  return TRUE;
}

/* A boolean: true/false, 1/0, or those as a string in any case; FALSE
 * when absent. */
static gboolean
get_flag (JsonObject *object,
          const char *name,
          const char *label,
          gboolean   *out,
          GError    **error)
{
  JsonNode *node = present (object, name);
  gint64 number;

  *out = FALSE;
  if (node == NULL)
    return TRUE;
  if (is_type (node, G_TYPE_BOOLEAN))
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }
  if (mml_json_node_exact_int (node, &number) && (number == 0 || number == 1))
    {
      *out = number == 1;
      return TRUE;
    }
  if (is_type (node, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (node);

      if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
        {
          *out = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
        return TRUE;
    }
  /* TRANSLATORS: %s names a member of a webhook's JSON, "Played" */
  return invalid (error, _("The webhook’s “%s” is not true or false."), label);
}

/* When: an ISO 8601 date and time (UTC when it names no zone), or unix
 * seconds. @raw (nullable) gets the value as given, for the key; a date
 * that does not parse leaves @at alone but is still the event's own. */
static gboolean
get_time (JsonObject  *object,
          const char  *name,
          const char  *label,
          gint64      *at,
          char       **raw,
          GError     **error)
{
  JsonNode *node = present (object, name);
  gint64 number;

  if (node == NULL)
    return TRUE;
  if (mml_json_node_exact_int (node, &number)
      || (is_type (node, G_TYPE_STRING) && json_node_get_string (node)[0] != '-'
          && g_ascii_string_to_signed (json_node_get_string (node), 10, 0, MAX_UNIX_TIME,
                                       &number, NULL)))
    {
      if (number > 0 && number <= MAX_UNIX_TIME)
        *at = number;
      if (raw != NULL)
        *raw = g_strdup_printf ("%" G_GINT64_FORMAT, number);
      return TRUE;
    }
  if (!is_type (node, G_TYPE_STRING))
    /* TRANSLATORS: %s names a member of a webhook's JSON, "Date" */
    return invalid (error, _("The webhook’s “%s” is not a date."), label);
  if (!check_string (json_node_get_string (node), MML_WATCH_EVENT_MAX_ID, TRUE, label, error))
    return FALSE;
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (json_node_get_string (node), utc);

    if (when != NULL && g_date_time_to_unix (when) > 0)
      *at = g_date_time_to_unix (when);
  }
  if (raw != NULL)
    *raw = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* --- the key -------------------------------------------------------------- */

static void
feed (GChecksum  *sum,
      const char *text,
      gsize       len)
{
  g_checksum_update (sum, (const guchar *) text, len);
}

static void
feed_string (GChecksum  *sum,
             const char *text)
{
  char head[32];

  /* length-prefixed: no two sequences of strings feed the same bytes */
  g_snprintf (head, sizeof head, "s%zu:", strlen (text));
  feed (sum, head, strlen (head));
  feed (sum, text, strlen (text));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (a, b);
}

/* @node written out canonically: members in name order, every value
 * tagged, strings length-prefixed. Deeper than MAX_KEY_DEPTH it is one
 * marker (the server's parser never gives that much). */
static void
feed_node (GChecksum *sum,
           JsonNode  *node,
           guint      depth)
{
  if (depth > MAX_KEY_DEPTH)
    {
      feed (sum, "~", 1);
      return;
    }
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GList *names = g_list_sort (json_object_get_members (object), compare_names);

        feed (sum, "{", 1);
        for (GList *l = names; l != NULL; l = l->next)
          {
            feed_string (sum, l->data);
            feed_node (sum, json_object_get_member (object, l->data), depth + 1);
          }
        feed (sum, "}", 1);
        g_list_free (names);
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        feed (sum, "[", 1);
        for (guint i = 0; i < n; i++)
          feed_node (sum, json_array_get_element (array, i), depth + 1);
        feed (sum, "]", 1);
        break;
      }
    case JSON_NODE_VALUE:
      {
        char text[G_ASCII_DTOSTR_BUF_SIZE + 2];
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            feed_string (sum, json_node_get_string (node));
            return;
          }
        if (type == G_TYPE_INT64)
          g_snprintf (text, sizeof text, "i%" G_GINT64_FORMAT ";", json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          {
            text[0] = 'd';
            g_ascii_dtostr (text + 1, sizeof text - 2, json_node_get_double (node));
            strcat (text, ";");
          }
        else if (type == G_TYPE_BOOLEAN)
          g_strlcpy (text, json_node_get_boolean (node) ? "t" : "f", sizeof text);
        else
          g_strlcpy (text, "?", sizeof text);
        feed (sum, text, strlen (text));
        break;
      }
    case JSON_NODE_NULL:
    default:
      feed (sum, "n", 1);
      break;
    }
}

/* SHA-256 of who, what, on which item, and the event's own @date or,
 * without one, the whole @payload. */
static char *
make_key (const MmlWatchEvent *event,
          const char          *date,
          JsonNode            *payload)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = {
    event->sender, event->server_id, event->user_id, event->item_id, event->event,
    mml_watch_action_to_string (event->action),
  };

  feed_string (sum, "mml-watch-event 1");
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL)
        feed (sum, "-", 1);
      else
        feed_string (sum, parts[i]);
    }
  if (date != NULL)
    {
      feed (sum, "D", 1);
      feed_string (sum, date);
    }
  else
    {
      feed (sum, "P", 1);
      feed_node (sum, payload, 0);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* --- the senders ------------------------------------------------------------ */

/* The item's own ids from ProviderIds-like members: @object's members
 * named @prefix + "tvdb" (and imdb, tmdb) in any case. */
static gboolean
get_provider_ids (JsonObject    *object,
                  const char    *prefix,
                  MmlWatchEvent *event,
                  GError       **error)
{
  static const struct { const char *name; gsize offset; } ids[] = {
    { "tvdb", G_STRUCT_OFFSET (MmlWatchEvent, tvdb_id) },
    { "imdb", G_STRUCT_OFFSET (MmlWatchEvent, imdb_id) },
    { "tmdb", G_STRUCT_OFFSET (MmlWatchEvent, tmdb_id) },
  };
  gsize prefix_len = strlen (prefix);
  GList *names;
  gboolean ok = TRUE;

  if (object == NULL)
    return TRUE;
  names = g_list_sort (json_object_get_members (object), compare_names);
  for (GList *l = names; l != NULL && ok; l = l->next)
    {
      const char *name = l->data;

      if (g_ascii_strncasecmp (name, prefix, prefix_len) != 0)
        continue;
      for (gsize i = 0; i < G_N_ELEMENTS (ids) && ok; i++)
        if (g_ascii_strcasecmp (name + prefix_len, ids[i].name) == 0)
          {
            char **slot = G_STRUCT_MEMBER_P (event, ids[i].offset);
            g_autofree char *value = NULL;

            ok = get_id (object, name, name, &value, error);
            if (ok && value != NULL && *slot == NULL)
              *slot = g_steal_pointer (&value);
          }
    }
  g_list_free (names);
  return ok;
}

/* Plex's Guid list: [{"id": "tvdb://8530933"}, {"id": "imdb://tt…"}, …]. */
static gboolean
plex_guids (JsonObject    *metadata,
            MmlWatchEvent *event,
            GError       **error)
{
  static const struct { const char *scheme; gsize offset; } ids[] = {
    { "tvdb://", G_STRUCT_OFFSET (MmlWatchEvent, tvdb_id) },
    { "imdb://", G_STRUCT_OFFSET (MmlWatchEvent, imdb_id) },
    { "tmdb://", G_STRUCT_OFFSET (MmlWatchEvent, tmdb_id) },
  };
  JsonNode *node = present (metadata, "Guid");
  JsonArray *guids;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    /* TRANSLATORS: %s names a member of a webhook's JSON */
    return invalid (error, _("The webhook’s “%s” is not a list."), "Metadata.Guid");
  guids = json_node_get_array (node);
  n = json_array_get_length (guids);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *guid = mml_json_node_object (json_array_get_element (guids, i));
      g_autofree char *id = NULL;

      if (guid == NULL)
        return invalid (error, _("The webhook’s “%s” is not an object."), "Metadata.Guid[]");
      if (!get_name (guid, "id", "Metadata.Guid[].id", &id, error))
        return FALSE;
      for (gsize k = 0; id != NULL && k < G_N_ELEMENTS (ids); k++)
        {
          char **slot = G_STRUCT_MEMBER_P (event, ids[k].offset);
          const char *value = id + strlen (ids[k].scheme);

          if (g_ascii_strncasecmp (id, ids[k].scheme, strlen (ids[k].scheme)) == 0
              && *value != '\0' && *slot == NULL)
            *slot = g_strdup (value);
        }
    }
  return TRUE;
}

static gboolean
read_plex (JsonObject    *root,
           MmlWatchEvent *event,
           char         **date,
           GError       **error)
{
  JsonObject *metadata, *server, *account;

  event->sender = g_strdup ("plex");
  if (!get_name (root, "event", "event", &event->event, error)
      || !get_object (root, "Metadata", "Metadata", &metadata, error)
      || !get_object (root, "Server", "Server", &server, error)
      || !get_object (root, "Account", "Account", &account, error)
      || !get_id (server, "uuid", "Server.uuid", &event->server_id, error)
      || !get_id (account, "id", "Account.id", &event->user_id, error)
      || !get_text (account, "title", "Account.title", &event->user_name, error)
      || !get_id (metadata, "ratingKey", "Metadata.ratingKey", &event->item_id, error)
      || !get_name (metadata, "type", "Metadata.type", &event->item_type, error)
      || !get_text (metadata, "title", "Metadata.title", &event->title, error)
      || !plex_guids (metadata, event, error))
    return FALSE;

  if (event->item_type != NULL && g_ascii_strcasecmp (event->item_type, "episode") == 0)
    {
      if (!get_text (metadata, "grandparentTitle", "Metadata.grandparentTitle",
                     &event->series_title, error)
          || !get_number (metadata, "parentIndex", "Metadata.parentIndex", &event->season, error)
          || !get_number (metadata, "index", "Metadata.index", &event->episode, error))
        return FALSE;
    }
  else if (event->item_type != NULL && g_ascii_strcasecmp (event->item_type, "season") == 0)
    {
      if (!get_text (metadata, "parentTitle", "Metadata.parentTitle", &event->series_title, error)
          || !get_number (metadata, "index", "Metadata.index", &event->season, error))
        return FALSE;
    }

  if (g_strcmp0 (event->event, "media.scrobble") == 0)
    {
      event->action = MML_WATCH_ACTION_WATCHED;
      /* Plex says when it was viewed, not when it sent this: the key
       * stays the payload's */
      if (!get_time (metadata, "lastViewedAt", "Metadata.lastViewedAt", &event->at, NULL, error))
        return FALSE;
    }
  *date = NULL;
  return TRUE;
}

static gboolean
read_jellyfin (JsonObject    *root,
               MmlWatchEvent *event,
               char         **date,
               GError       **error)
{
  g_autofree char *reason = NULL;
  gboolean played, completed;
  const char *when = present (root, "UtcTimestamp") != NULL ? "UtcTimestamp" : "Timestamp";

  event->sender = g_strdup ("jellyfin");
  if (!get_name (root, "NotificationType", "NotificationType", &event->event, error)
      || !get_id (root, "ServerId", "ServerId", &event->server_id, error)
      || !get_id (root, "UserId", "UserId", &event->user_id, error)
      || !get_text (root, "NotificationUsername", "NotificationUsername", &event->user_name, error)
      || !get_id (root, "ItemId", "ItemId", &event->item_id, error)
      || !get_name (root, "ItemType", "ItemType", &event->item_type, error)
      || !get_text (root, "Name", "Name", &event->title, error)
      || !get_text (root, "SeriesName", "SeriesName", &event->series_title, error)
      || !get_number (root, "SeasonNumber", "SeasonNumber", &event->season, error)
      || !get_number (root, "EpisodeNumber", "EpisodeNumber", &event->episode, error)
      || !get_provider_ids (root, "Provider_", event, error)
      || !get_flag (root, "Played", "Played", &played, error)
      || !get_flag (root, "PlayedToCompletion", "PlayedToCompletion", &completed, error)
      || !get_name (root, "SaveReason", "SaveReason", &reason, error)
      || !get_time (root, when, when, &event->at, date, error))
    return FALSE;

  if (g_strcmp0 (event->event, "UserDataSaved") == 0 && g_strcmp0 (reason, "TogglePlayed") == 0)
    event->action = played ? MML_WATCH_ACTION_WATCHED : MML_WATCH_ACTION_UNWATCHED;
  else if (g_strcmp0 (event->event, "PlaybackStop") == 0 && completed)
    event->action = MML_WATCH_ACTION_WATCHED;
  return TRUE;
}

static gboolean
read_emby (JsonObject    *root,
           MmlWatchEvent *event,
           char         **date,
           GError       **error)
{
  JsonObject *item, *user, *server, *playback, *provider_ids;
  gboolean completed;

  event->sender = g_strdup ("emby");
  if (!get_name (root, "Event", "Event", &event->event, error)
      || !get_object (root, "Item", "Item", &item, error)
      || !get_object (root, "User", "User", &user, error)
      || !get_object (root, "Server", "Server", &server, error)
      || !get_object (root, "PlaybackInfo", "PlaybackInfo", &playback, error)
      || !get_object (item, "ProviderIds", "Item.ProviderIds", &provider_ids, error)
      || !get_id (server, "Id", "Server.Id", &event->server_id, error)
      || (event->server_id == NULL
          && !get_id (item, "ServerId", "Item.ServerId", &event->server_id, error))
      || !get_id (user, "Id", "User.Id", &event->user_id, error)
      || !get_text (user, "Name", "User.Name", &event->user_name, error)
      || !get_id (item, "Id", "Item.Id", &event->item_id, error)
      || !get_name (item, "Type", "Item.Type", &event->item_type, error)
      || !get_text (item, "Name", "Item.Name", &event->title, error)
      || !get_text (item, "Path", "Item.Path", &event->path, error)
      || !get_provider_ids (provider_ids, "", event, error)
      || !get_flag (playback, "PlayedToCompletion", "PlaybackInfo.PlayedToCompletion",
                    &completed, error)
      || !get_time (root, "Date", "Date", &event->at, date, error))
    return FALSE;

  if (event->item_type != NULL && g_ascii_strcasecmp (event->item_type, "episode") == 0)
    {
      if (!get_text (item, "SeriesName", "Item.SeriesName", &event->series_title, error)
          || !get_number (item, "ParentIndexNumber", "Item.ParentIndexNumber", &event->season, error)
          || !get_number (item, "IndexNumber", "Item.IndexNumber", &event->episode, error))
        return FALSE;
    }
  else if (event->item_type != NULL && g_ascii_strcasecmp (event->item_type, "season") == 0)
    {
      if (!get_text (item, "SeriesName", "Item.SeriesName", &event->series_title, error)
          || !get_number (item, "IndexNumber", "Item.IndexNumber", &event->season, error))
        return FALSE;
    }

  if (g_strcmp0 (event->event, "item.markplayed") == 0)
    event->action = MML_WATCH_ACTION_WATCHED;
  else if (g_strcmp0 (event->event, "item.markunplayed") == 0)
    event->action = MML_WATCH_ACTION_UNWATCHED;
  else if (g_strcmp0 (event->event, "playback.stop") == 0 && completed)
    event->action = MML_WATCH_ACTION_WATCHED;
  return TRUE;
}

/* --- public API ------------------------------------------------------------ */

typedef gboolean (*Reader) (JsonObject *, MmlWatchEvent *, char **, GError **);

static gboolean
has_any (JsonObject        *root,
         const char *const *names)
{
  for (gsize i = 0; names[i] != NULL; i++)
    if (json_object_has_member (root, names[i]))
      return TRUE;
  return FALSE;
}

/* Which server sent @root, by the members only it writes. */
static Reader
sender_of (JsonObject *root)
{
  static const char *const emby[] = { "Item", "User", "Server", "PlaybackInfo", NULL };
  static const char *const plex[] = { "Metadata", "Account", "Server", "Player", NULL };

  if (json_object_has_member (root, "NotificationType"))
    return read_jellyfin;
  if (json_object_has_member (root, "Event") && has_any (root, emby))
    return read_emby;
  if (json_object_has_member (root, "event") && has_any (root, plex))
    return read_plex;
  return NULL;
}

/**
 * mml_watch_event_parse:
 * @payload: a webhook's JSON
 * @error: return location for a G_IO_ERROR_INVALID_DATA error
 *
 * Returns: (transfer full) (nullable): the event, or %NULL with @error
 */
MmlWatchEvent *
mml_watch_event_parse (JsonNode  *payload,
                       GError   **error)
{
  g_autoptr(MmlWatchEvent) event = NULL;
  g_autofree char *date = NULL;
  JsonObject *root;
  Reader reader;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (payload == NULL || (root = mml_json_node_object (payload)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The webhook’s payload is not a JSON object."));
      return NULL;
    }
  if ((reader = sender_of (root)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The webhook’s payload is from no known media server."));
      return NULL;
    }

  event = g_new0 (MmlWatchEvent, 1);
  event->season = -1;
  event->episode = -1;
  if (!reader (root, event, &date, error))
    return NULL;
  if (event->event == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The webhook’s payload names no event."));
      return NULL;
    }
  if (event->item_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The webhook’s payload names no item."));
      return NULL;
    }
  if (event->item_type != NULL)
    {
      char *lower = g_utf8_strdown (event->item_type, -1);

      g_free (event->item_type);
      event->item_type = lower;
    }
  event->key = make_key (event, date, payload);
  return g_steal_pointer (&event);
}
