/* test-watch-event.c — media servers' webhook payloads read into
 * MmlWatchEvent: the Plex and Emby fixtures (real payloads), each sender's
 * watched / unwatched / none cases, values written as strings, malformed
 * payloads refused with a clear error, and the de-duplication key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "mml-watch-event.h"

/* --- helpers ------------------------------------------------------------- */

static JsonNode *
json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonNode *
fixture (const char *sender,
         const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", sender, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return json (text);
}

static MmlWatchEvent *
parse_ok (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  MmlWatchEvent *event = mml_watch_event_parse (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
  g_assert_nonnull (event->item_id);
  g_assert_nonnull (event->event);
  g_assert_nonnull (event->key);
  g_assert_cmpuint (strlen (event->key), ==, 64);
  for (const char *p = event->key; *p != '\0'; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
  return event;
}

static MmlWatchEvent *
parse_text (const char *text)
{
  g_autoptr(JsonNode) node = json (text);

  return parse_ok (node);
}

/* @node is refused with G_IO_ERROR_INVALID_DATA, and the message holds
 * @needle (nullable). */
static void
assert_refused (JsonNode   *node,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlWatchEvent) event = mml_watch_event_parse (node, &error);

  g_assert_null (event);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
assert_refused_text (const char *text,
                     const char *needle)
{
  g_autoptr(JsonNode) node = json (text);

  g_test_message ("refused? %.80s", text);
  assert_refused (node, needle);
}

static MmlWatchAction
action_of (const char *text)
{
  g_autoptr(MmlWatchEvent) event = parse_text (text);

  return event->action;
}

/* --- the fixtures --------------------------------------------------------- */

static void
test_plex_fixture (void)
{
  g_autoptr(JsonNode) node = fixture ("plex", "webhook_media_scrobble_episode.json");
  g_autoptr(MmlWatchEvent) event = parse_ok (node);

  g_assert_cmpstr (event->sender, ==, "plex");
  g_assert_cmpstr (event->event, ==, "media.scrobble");
  g_assert_cmpint (event->action, ==, MML_WATCH_ACTION_WATCHED);
  g_assert_cmpstr (event->server_id, ==, "xxxx");
  g_assert_cmpstr (event->user_id, ==, "31646104");
  g_assert_cmpstr (event->user_name, ==, "播放");
  g_assert_cmpstr (event->item_id, ==, "40294");
  g_assert_cmpstr (event->item_type, ==, "episode");
  g_assert_cmpstr (event->title, ==, "The World's Strongest Senior");
  g_assert_cmpstr (event->series_title, ==, "范马刃牙");
  g_assert_cmpint (event->season, ==, 1);
  g_assert_cmpint (event->episode, ==, 1);
  g_assert_cmpstr (event->tvdb_id, ==, "8530933");
  g_assert_cmpstr (event->imdb_id, ==, "tt14765720");
  g_assert_cmpstr (event->tmdb_id, ==, "3087250");
  g_assert_null (event->path);
  g_assert_cmpint (event->at, ==, 1694320444);
}

static void
test_emby_fixture (void)
{
  g_autoptr(JsonNode) node = fixture ("emby", "webhook_playback_start_episode.json");
  g_autoptr(MmlWatchEvent) event = parse_ok (node);

  g_assert_cmpstr (event->sender, ==, "emby");
  g_assert_cmpstr (event->event, ==, "playback.start");
  g_assert_cmpint (event->action, ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpstr (event->server_id, ==, "f40a5bd0c6b64051bdbed00580fa1118");
  g_assert_cmpstr (event->user_id, ==, "e6a9dd89fd954d689870e7e0e3e72947");
  g_assert_cmpstr (event->user_name, ==, "admin");
  g_assert_cmpstr (event->item_id, ==, "240252");
  g_assert_cmpstr (event->item_type, ==, "episode");
  g_assert_cmpstr (event->title, ==, "第 11 集");
  g_assert_cmpstr (event->series_title, ==, "长风渡");
  g_assert_cmpint (event->season, ==, 1);
  g_assert_cmpint (event->episode, ==, 11);
  g_assert_null (event->tvdb_id);
  g_assert_null (event->imdb_id);
  g_assert_cmpstr (event->tmdb_id, ==, "4533239");
  g_assert_cmpstr (event->path, ==,
                   "\\\\10.10.10.10\\Video\\电视剧\\国产剧\\长风渡 (2023)\\Season 1\\长风渡 - S01E11 - 第 11 集.mp4");
  g_assert_cmpint (event->at, ==, 1692406340);
}

/* --- Plex ------------------------------------------------------------------- */

#define PLEX(event, extra) \
  "{\"event\":\"" event "\",\"user\":true,\"owner\":true," \
  "\"Account\":{\"id\":7,\"title\":\"ann\"}," \
  "\"Server\":{\"title\":\"Office\",\"uuid\":\"54664a3d8acc\"}," \
  "\"Player\":{\"local\":true,\"title\":\"TV\",\"uuid\":\"p1\"}," \
  "\"Metadata\":{\"ratingKey\":\"1001\",\"type\":\"episode\",\"title\":\"Pilot\"," \
  "\"grandparentTitle\":\"Girls\",\"grandparentRatingKey\":\"900\",\"parentIndex\":2," \
  "\"index\":3,\"viewOffset\":1000" extra "}}"

static void
test_plex_events (void)
{
  static const char *const none[] = {
    "media.play", "media.pause", "media.resume", "media.stop", "media.rate", "library.new",
  };
  g_autoptr(MmlWatchEvent) stop = parse_text (PLEX ("media.stop", ""));
  g_autoptr(MmlWatchEvent) movie = NULL;

  g_assert_cmpint (action_of (PLEX ("media.scrobble", "")), ==, MML_WATCH_ACTION_WATCHED);
  for (gsize i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_autofree char *text = g_strdup_printf (PLEX ("%s", ""), none[i]);
      g_autoptr(MmlWatchEvent) event = parse_text (text);

      g_assert_cmpint (event->action, ==, MML_WATCH_ACTION_NONE);
      g_assert_cmpstr (event->event, ==, none[i]);
    }

  /* not a watch change, but read all the same */
  g_assert_cmpstr (stop->sender, ==, "plex");
  g_assert_cmpstr (stop->event, ==, "media.stop");
  g_assert_cmpstr (stop->item_id, ==, "1001");
  g_assert_cmpstr (stop->user_id, ==, "7");
  g_assert_cmpstr (stop->server_id, ==, "54664a3d8acc");
  g_assert_cmpstr (stop->series_title, ==, "Girls");
  g_assert_cmpint (stop->season, ==, 2);
  g_assert_cmpint (stop->episode, ==, 3);
  g_assert_null (stop->tvdb_id);
  g_assert_cmpint (stop->at, ==, 0);

  /* a movie: no series, season nor episode; an integer ratingKey */
  movie = parse_text ("{\"event\":\"media.scrobble\",\"Server\":{\"uuid\":\"s\"},"
                      "\"Metadata\":{\"ratingKey\":55,\"type\":\"movie\",\"title\":\"Heat\","
                      "\"index\":1,\"lastViewedAt\":\"1700000000\","
                      "\"Guid\":[{\"id\":\"imdb://tt0113277\"},{\"id\":\"tmdb://949\"},{\"id\":\"x://1\"}]}}");
  g_assert_cmpstr (movie->item_id, ==, "55");
  g_assert_cmpstr (movie->item_type, ==, "movie");
  g_assert_null (movie->series_title);
  g_assert_cmpint (movie->season, ==, -1);
  g_assert_cmpint (movie->episode, ==, -1);
  g_assert_cmpstr (movie->imdb_id, ==, "tt0113277");
  g_assert_cmpstr (movie->tmdb_id, ==, "949");
  g_assert_null (movie->tvdb_id);
  g_assert_null (movie->user_id);
  g_assert_cmpint (movie->at, ==, 1700000000);
  g_assert_cmpint (movie->action, ==, MML_WATCH_ACTION_WATCHED);
}

/* --- Jellyfin ------------------------------------------------------------- */

#define JELLYFIN(type, extra) \
  "{\"NotificationType\":\"" type "\",\"ServerId\":\"a1b2c3\",\"ServerName\":\"jf\"," \
  "\"ServerVersion\":\"10.9.11\",\"ItemId\":\"0f3c5e2a9b8d4c7e\",\"ItemType\":\"Episode\"," \
  "\"Name\":\"Pilot\",\"UserId\":\"u-42\",\"NotificationUsername\":\"bob\"," \
  "\"SeriesName\":\"Breaking Bad\",\"SeasonNumber\":1,\"EpisodeNumber\":2," \
  "\"Provider_tvdb\":\"349232\",\"Provider_imdb\":\"tt0959621\",\"Provider_tmdb\":\"62085\"," \
  "\"UtcTimestamp\":\"2024-05-01T20:15:00.0000000Z\"" extra "}"

static void
test_jellyfin (void)
{
  g_autoptr(MmlWatchEvent) event =
    parse_text (JELLYFIN ("UserDataSaved", ",\"SaveReason\":\"TogglePlayed\",\"Played\":true"));

  g_assert_cmpstr (event->sender, ==, "jellyfin");
  g_assert_cmpstr (event->event, ==, "UserDataSaved");
  g_assert_cmpint (event->action, ==, MML_WATCH_ACTION_WATCHED);
  g_assert_cmpstr (event->server_id, ==, "a1b2c3");
  g_assert_cmpstr (event->user_id, ==, "u-42");
  g_assert_cmpstr (event->user_name, ==, "bob");
  g_assert_cmpstr (event->item_id, ==, "0f3c5e2a9b8d4c7e");
  g_assert_cmpstr (event->item_type, ==, "episode");
  g_assert_cmpstr (event->title, ==, "Pilot");
  g_assert_cmpstr (event->series_title, ==, "Breaking Bad");
  g_assert_cmpint (event->season, ==, 1);
  g_assert_cmpint (event->episode, ==, 2);
  g_assert_cmpstr (event->tvdb_id, ==, "349232");
  g_assert_cmpstr (event->imdb_id, ==, "tt0959621");
  g_assert_cmpstr (event->tmdb_id, ==, "62085");
  g_assert_cmpint (event->at, ==, 1714594500);

  g_assert_cmpint (action_of (JELLYFIN ("UserDataSaved", ",\"SaveReason\":\"TogglePlayed\",\"Played\":false")),
                   ==, MML_WATCH_ACTION_UNWATCHED);
  /* Played without TogglePlayed: progress, not a mark */
  g_assert_cmpint (action_of (JELLYFIN ("UserDataSaved", ",\"SaveReason\":\"PlaybackProgress\",\"Played\":true")),
                   ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpint (action_of (JELLYFIN ("UserDataSaved", ",\"Played\":true")), ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpint (action_of (JELLYFIN ("PlaybackStop", ",\"PlayedToCompletion\":true")),
                   ==, MML_WATCH_ACTION_WATCHED);
  g_assert_cmpint (action_of (JELLYFIN ("PlaybackStop", ",\"PlayedToCompletion\":false")),
                   ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpint (action_of (JELLYFIN ("PlaybackStop", "")), ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpint (action_of (JELLYFIN ("PlaybackStart", ",\"PlayedToCompletion\":true")),
                   ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpint (action_of (JELLYFIN ("ItemAdded", ",\"SaveReason\":\"TogglePlayed\",\"Played\":true")),
                   ==, MML_WATCH_ACTION_NONE);
}

/* What a Handlebars template writes: every value a string. */
static void
test_jellyfin_strings (void)
{
  static const struct { const char *played; MmlWatchAction action; } played[] = {
    { "\"True\"", MML_WATCH_ACTION_WATCHED },
    { "\"true\"", MML_WATCH_ACTION_WATCHED },
    { "\"1\"", MML_WATCH_ACTION_WATCHED },
    { "1", MML_WATCH_ACTION_WATCHED },
    { "\"False\"", MML_WATCH_ACTION_UNWATCHED },
    { "\"0\"", MML_WATCH_ACTION_UNWATCHED },
    { "0", MML_WATCH_ACTION_UNWATCHED },
    { "\"\"", MML_WATCH_ACTION_UNWATCHED },   /* empty: not played */
  };
  g_autoptr(MmlWatchEvent) event = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (played); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"NotificationType\":\"UserDataSaved\",\"ItemId\":\"abc\",\"SaveReason\":\"TogglePlayed\","
        "\"Played\":%s}", played[i].played);

      g_test_message ("Played: %s", played[i].played);
      g_assert_cmpint (action_of (text), ==, played[i].action);
    }
  g_assert_cmpint (action_of ("{\"NotificationType\":\"PlaybackStop\",\"ItemId\":\"abc\","
                              "\"PlayedToCompletion\":\"True\"}"), ==, MML_WATCH_ACTION_WATCHED);
  g_assert_cmpint (action_of ("{\"NotificationType\":\"PlaybackStop\",\"ItemId\":\"abc\","
                              "\"PlayedToCompletion\":\"False\"}"), ==, MML_WATCH_ACTION_NONE);

  event = parse_text ("{\"NotificationType\":\"PlaybackStop\",\"ItemId\":\"abc\",\"ItemType\":\"Episode\","
                      "\"SeasonNumber\":\"01\",\"EpisodeNumber\":\"12\",\"SeriesName\":\"\","
                      "\"Provider_tvdb\":\"\",\"provider_IMDB\":\"tt1\",\"ServerId\":\"\","
                      "\"Timestamp\":\"2024-05-01T22:15:00+02:00\",\"PlayedToCompletion\":\"1\"}");
  g_assert_cmpint (event->season, ==, 1);
  g_assert_cmpint (event->episode, ==, 12);
  g_assert_null (event->series_title);    /* "" is absent */
  g_assert_null (event->tvdb_id);
  g_assert_cmpstr (event->imdb_id, ==, "tt1");
  g_assert_null (event->server_id);
  g_assert_cmpint (event->at, ==, 1714594500);
  g_assert_cmpint (event->action, ==, MML_WATCH_ACTION_WATCHED);
  g_clear_pointer (&event, mml_watch_event_free);

  /* numbers as doubles, numbers out of range read as unknown */
  event = parse_text ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":\"abc\","
                      "\"SeasonNumber\":3.0,\"EpisodeNumber\":-1}");
  g_assert_cmpint (event->season, ==, 3);
  g_assert_cmpint (event->episode, ==, -1);
  g_assert_cmpint (event->at, ==, 0);
}

/* --- Emby ------------------------------------------------------------------ */

#define EMBY(event, extra) \
  "{\"Event\":\"" event "\",\"Date\":\"2024-05-01T20:15:00.0000000Z\"," \
  "\"User\":{\"Id\":\"u1\",\"Name\":\"ann\"}," \
  "\"Item\":{\"Id\":\"312\",\"Type\":\"Episode\",\"Name\":\"Pilot\",\"SeriesName\":\"Lost\"," \
  "\"ParentIndexNumber\":1,\"IndexNumber\":4,\"Path\":\"/tv/Lost/S01E04.mkv\"," \
  "\"ProviderIds\":{\"Tvdb\":\"127131\",\"IMDB\":\"tt0636289\"}}," \
  "\"Server\":{\"Id\":\"srv\",\"Name\":\"emby\",\"Version\":\"4.8.0.0\"}" extra "}"

static void
test_emby (void)
{
  g_autoptr(MmlWatchEvent) event = parse_text (EMBY ("item.markplayed", ""));

  g_assert_cmpstr (event->sender, ==, "emby");
  g_assert_cmpint (event->action, ==, MML_WATCH_ACTION_WATCHED);
  g_assert_cmpstr (event->server_id, ==, "srv");
  g_assert_cmpstr (event->user_id, ==, "u1");
  g_assert_cmpstr (event->item_id, ==, "312");
  g_assert_cmpstr (event->series_title, ==, "Lost");
  g_assert_cmpint (event->season, ==, 1);
  g_assert_cmpint (event->episode, ==, 4);
  g_assert_cmpstr (event->tvdb_id, ==, "127131");
  g_assert_cmpstr (event->imdb_id, ==, "tt0636289");
  g_assert_null (event->tmdb_id);
  g_assert_cmpstr (event->path, ==, "/tv/Lost/S01E04.mkv");
  g_assert_cmpint (event->at, ==, 1714594500);

  g_assert_cmpint (action_of (EMBY ("item.markunplayed", "")), ==, MML_WATCH_ACTION_UNWATCHED);
  g_assert_cmpint (action_of (EMBY ("playback.stop", ",\"PlaybackInfo\":{\"PositionTicks\":1,"
                                    "\"PlayedToCompletion\":true}")), ==, MML_WATCH_ACTION_WATCHED);
  g_assert_cmpint (action_of (EMBY ("playback.stop", ",\"PlaybackInfo\":{\"PlayedToCompletion\":\"True\"}")),
                   ==, MML_WATCH_ACTION_WATCHED);
  g_assert_cmpint (action_of (EMBY ("playback.stop", ",\"PlaybackInfo\":{\"PlayedToCompletion\":false}")),
                   ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpint (action_of (EMBY ("playback.stop", "")), ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpint (action_of (EMBY ("playback.pause", ",\"PlaybackInfo\":{\"PlayedToCompletion\":true}")),
                   ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpint (action_of (EMBY ("item.rate", "")), ==, MML_WATCH_ACTION_NONE);
  g_assert_cmpint (action_of (EMBY ("playback.scrobble", "")), ==, MML_WATCH_ACTION_NONE);

  /* numeric ids; the server's id from the item when Server has none */
  g_clear_pointer (&event, mml_watch_event_free);
  event = parse_text ("{\"Event\":\"item.markplayed\",\"Item\":{\"Id\":77,\"Type\":\"Movie\","
                      "\"ServerId\":\"from-item\",\"IndexNumber\":\"3\"}}");
  g_assert_cmpstr (event->item_id, ==, "77");
  g_assert_cmpstr (event->item_type, ==, "movie");
  g_assert_cmpstr (event->server_id, ==, "from-item");
  g_assert_cmpint (event->episode, ==, -1);
  g_assert_cmpint (event->at, ==, 0);
}

/* --- malformed ------------------------------------------------------------- */

static void
test_malformed (void)
{
  g_autofree char *long_id = g_strnfill (MML_WATCH_EVENT_MAX_ID + 1, 'a');
  g_autofree char *max_id = g_strnfill (MML_WATCH_EVENT_MAX_ID, 'a');
  g_autofree char *long_title = g_strnfill (MML_WATCH_EVENT_MAX_TEXT + 1, 'x');
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(MmlWatchEvent) event = NULL;

  /* not an object */
  assert_refused (NULL, "object");
  assert_refused_text ("[{\"NotificationType\":\"ItemAdded\",\"ItemId\":\"1\"}]", "object");
  assert_refused_text ("\"media.scrobble\"", "object");
  assert_refused_text ("42", "object");
  assert_refused_text ("null", "object");
  /* nobody's */
  assert_refused_text ("{}", "no known media server");
  assert_refused_text ("{\"event\":\"media.scrobble\"}", "no known media server");
  assert_refused_text ("{\"Event\":\"item.markplayed\",\"Title\":\"x\"}", "no known media server");
  /* no item, no event */
  assert_refused_text ("{\"NotificationType\":\"UserDataSaved\",\"Played\":true}", "no item");
  assert_refused_text ("{\"NotificationType\":\"UserDataSaved\",\"ItemId\":\"\"}", "no item");
  assert_refused_text ("{\"NotificationType\":\"\",\"ItemId\":\"1\"}", "no event");
  assert_refused_text ("{\"Event\":\"system.notificationtest\",\"Server\":{\"Id\":\"s\"}}", "no item");
  assert_refused_text ("{\"Event\":\"item.markplayed\",\"Item\":{\"Name\":\"x\"}}", "no item");
  assert_refused_text ("{\"event\":\"admin.database.backup\",\"Server\":{\"uuid\":\"s\"}}", "no item");
  assert_refused_text ("{\"event\":\"media.scrobble\",\"Metadata\":{\"title\":\"x\"}}", "no item");
  /* wrong types */
  assert_refused_text ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":{\"Id\":\"1\"}}", "ItemId");
  assert_refused_text ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":[\"1\"]}", "ItemId");
  assert_refused_text ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":true}", "ItemId");
  assert_refused_text ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":1.5}", "ItemId");
  assert_refused_text ("{\"NotificationType\":7,\"ItemId\":\"1\"}", "NotificationType");
  assert_refused_text ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":\"1\",\"SeasonNumber\":\"one\"}",
                       "SeasonNumber");
  assert_refused_text ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":\"1\",\"EpisodeNumber\":[1]}",
                       "EpisodeNumber");
  assert_refused_text ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":\"1\",\"SeasonNumber\":\"1234567890\"}",
                       "SeasonNumber");
  assert_refused_text ("{\"NotificationType\":\"UserDataSaved\",\"ItemId\":\"1\",\"Played\":\"maybe\"}",
                       "Played");
  assert_refused_text ("{\"NotificationType\":\"UserDataSaved\",\"ItemId\":\"1\",\"Played\":2}", "Played");
  assert_refused_text ("{\"NotificationType\":\"UserDataSaved\",\"ItemId\":\"1\",\"SeriesName\":5}",
                       "SeriesName");
  assert_refused_text ("{\"NotificationType\":\"UserDataSaved\",\"ItemId\":\"1\",\"UtcTimestamp\":{}}",
                       "UtcTimestamp");
  assert_refused_text ("{\"event\":\"media.scrobble\",\"Metadata\":[\"ratingKey\"]}", "Metadata");
  assert_refused_text ("{\"event\":\"media.scrobble\",\"Metadata\":{\"ratingKey\":\"1\",\"Guid\":\"tvdb://1\"}}",
                       "Guid");
  assert_refused_text ("{\"event\":\"media.scrobble\",\"Metadata\":{\"ratingKey\":\"1\",\"Guid\":[\"tvdb://1\"]}}",
                       "Guid");
  assert_refused_text ("{\"event\":\"media.scrobble\",\"Account\":{\"id\":{}},\"Metadata\":{\"ratingKey\":\"1\"}}",
                       "Account.id");
  assert_refused_text ("{\"Event\":\"item.markplayed\",\"Item\":\"312\"}", "Item");
  assert_refused_text ("{\"Event\":\"item.markplayed\",\"Item\":{\"Id\":\"1\",\"ProviderIds\":[]}}",
                       "ProviderIds");
  assert_refused_text ("{\"Event\":\"item.markplayed\",\"Item\":{\"Id\":\"1\",\"ProviderIds\":{\"Tvdb\":[1]}}}",
                       "Tvdb");
  assert_refused_text ("{\"Event\":\"playback.stop\",\"Item\":{\"Id\":\"1\"},"
                       "\"PlaybackInfo\":{\"PlayedToCompletion\":\"yes please\"}}", "PlayedToCompletion");

  /* lengths: an id of MAX_ID bytes is fine, one more is not */
  text = g_strdup_printf ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":\"%s\"}", max_id);
  event = parse_text (text);
  g_assert_cmpstr (event->item_id, ==, max_id);
  g_clear_pointer (&event, mml_watch_event_free);
  g_free (text);
  text = g_strdup_printf ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":\"%s\"}", long_id);
  assert_refused_text (text, "too long");
  g_free (text);
  text = g_strdup_printf ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":\"1\",\"UserId\":\"%s\"}", long_id);
  assert_refused_text (text, "UserId");
  g_free (text);
  text = g_strdup (EMBY ("item.markplayed", ",\"Extra\":{\"ProviderIds\":1}"));
  g_clear_pointer (&event, mml_watch_event_free);
  event = parse_text (text);   /* members nobody reads are not checked */
  g_free (text);
  text = g_strdup_printf ("{\"Event\":\"item.markplayed\",\"Item\":{\"Id\":\"1\",\"Name\":\"%s\"}}", long_title);
  assert_refused_text (text, "Item.Name");
  g_free (text);
  text = g_strdup_printf ("{\"event\":\"media.scrobble\",\"Metadata\":{\"ratingKey\":\"1\","
                          "\"type\":\"episode\",\"grandparentTitle\":\"%s\"}}", long_title);
  assert_refused_text (text, "too long");

  /* control characters in an id */
  assert_refused_text ("{\"NotificationType\":\"ItemAdded\",\"ItemId\":\"1\\n2\"}", "control");

  /* not UTF-8: JSON text cannot carry it, a node built by hand can */
  g_clear_pointer (&node, json_node_unref);
  node = json (JELLYFIN ("ItemAdded", ""));
  json_object_set_string_member (json_node_get_object (node), "SeriesName", "Lost \xff\xfe in time");
  assert_refused (node, "UTF-8");
  json_object_set_string_member (json_node_get_object (node), "SeriesName", "Lost");
  json_object_set_string_member (json_node_get_object (node), "ItemId", "12\xc3");
  assert_refused (node, "UTF-8");
  json_object_set_string_member (json_node_get_object (node), "ItemId", "12");
  g_clear_pointer (&event, mml_watch_event_free);
  event = parse_ok (node);
  g_assert_cmpstr (event->series_title, ==, "Lost");
}

/* --- the key ----------------------------------------------------------------- */

static char *
key_of (const char *text)
{
  g_autoptr(MmlWatchEvent) event = parse_text (text);

  return g_strdup (event->key);
}

static void
test_key (void)
{
  g_autoptr(JsonNode) fixture_a = fixture ("plex", "webhook_media_scrobble_episode.json");
  g_autoptr(JsonNode) fixture_b = fixture ("plex", "webhook_media_scrobble_episode.json");
  g_autoptr(MmlWatchEvent) a = parse_ok (fixture_a);
  g_autoptr(MmlWatchEvent) b = parse_ok (fixture_b);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  /* the same delivery, twice */
  g_assert_cmpstr (a->key, ==, b->key);
  {
    g_autofree char *k1 = key_of (EMBY ("item.markplayed", ""));
    g_autofree char *k2 = key_of (EMBY ("item.markplayed", ""));
    g_autofree char *k3 = key_of (JELLYFIN ("PlaybackStop", ",\"PlayedToCompletion\":true"));
    g_autofree char *k4 = key_of (JELLYFIN ("PlaybackStop", ",\"PlayedToCompletion\":true"));
    /* Plex has no date of its own: the payload decides, member order aside */
    g_autofree char *k5 = key_of ("{\"event\":\"media.scrobble\",\"Server\":{\"uuid\":\"s\",\"title\":\"t\"},"
                                  "\"Metadata\":{\"ratingKey\":\"1\",\"viewOffset\":5}}");
    g_autofree char *k6 = key_of ("{\"Metadata\":{\"viewOffset\":5,\"ratingKey\":\"1\"},"
                                  "\"Server\":{\"title\":\"t\",\"uuid\":\"s\"},\"event\":\"media.scrobble\"}");

    g_assert_cmpstr (k1, ==, k2);
    g_assert_cmpstr (k3, ==, k4);
    g_assert_cmpstr (k5, ==, k6);
  }

  /* anything else that differs: another key */
  g_ptr_array_add (keys, g_strdup (a->key));
  g_ptr_array_add (keys, key_of (PLEX ("media.scrobble", "")));
  g_ptr_array_add (keys, key_of (PLEX ("media.stop", "")));
  g_ptr_array_add (keys, key_of (PLEX ("media.scrobble", ",\"lastViewedAt\":1700000000")));
  g_ptr_array_add (keys, key_of ("{\"event\":\"media.scrobble\",\"Server\":{\"uuid\":\"s\",\"title\":\"t\"},"
                                 "\"Metadata\":{\"ratingKey\":\"1\",\"viewOffset\":6}}"));
  g_ptr_array_add (keys, key_of (EMBY ("item.markplayed", "")));
  g_ptr_array_add (keys, key_of (EMBY ("item.markunplayed", "")));
  g_ptr_array_add (keys, key_of (EMBY ("playback.stop", ",\"PlaybackInfo\":{\"PlayedToCompletion\":true}")));
  g_ptr_array_add (keys, key_of (EMBY ("playback.stop", ",\"PlaybackInfo\":{\"PlayedToCompletion\":false}")));
  g_ptr_array_add (keys, key_of ("{\"Event\":\"item.markplayed\",\"Date\":\"2024-05-01T20:15:01.0000000Z\","
                                 "\"User\":{\"Id\":\"u1\"},\"Item\":{\"Id\":\"312\"},\"Server\":{\"Id\":\"srv\"}}"));
  g_ptr_array_add (keys, key_of ("{\"Event\":\"item.markplayed\",\"Date\":\"2024-05-01T20:15:00.0000000Z\","
                                 "\"User\":{\"Id\":\"u2\"},\"Item\":{\"Id\":\"312\"},\"Server\":{\"Id\":\"srv\"}}"));
  g_ptr_array_add (keys, key_of ("{\"Event\":\"item.markplayed\",\"Date\":\"2024-05-01T20:15:00.0000000Z\","
                                 "\"User\":{\"Id\":\"u1\"},\"Item\":{\"Id\":\"313\"},\"Server\":{\"Id\":\"srv\"}}"));
  g_ptr_array_add (keys, key_of ("{\"Event\":\"item.markplayed\",\"Date\":\"2024-05-01T20:15:00.0000000Z\","
                                 "\"User\":{\"Id\":\"u1\"},\"Item\":{\"Id\":\"312\"},\"Server\":{\"Id\":\"srv2\"}}"));
  g_ptr_array_add (keys, key_of (JELLYFIN ("UserDataSaved", ",\"SaveReason\":\"TogglePlayed\",\"Played\":true")));
  g_ptr_array_add (keys, key_of (JELLYFIN ("UserDataSaved", ",\"SaveReason\":\"TogglePlayed\",\"Played\":false")));
  g_ptr_array_add (keys, key_of (JELLYFIN ("PlaybackStop", ",\"PlayedToCompletion\":true")));
  /* the same ids from another sender */
  g_ptr_array_add (keys, key_of ("{\"NotificationType\":\"item.markplayed\",\"ItemId\":\"312\",\"UserId\":\"u1\","
                                 "\"ServerId\":\"srv\",\"UtcTimestamp\":\"2024-05-01T20:15:00.0000000Z\"}"));
  for (guint i = 0; i < keys->len; i++)
    for (guint j = i + 1; j < keys->len; j++)
      if (strcmp (keys->pdata[i], keys->pdata[j]) == 0)
        g_error ("keys %u and %u are the same", i, j);
}

static void
test_action_names (void)
{
  g_assert_cmpstr (mml_watch_action_to_string (MML_WATCH_ACTION_NONE), ==, "none");
  g_assert_cmpstr (mml_watch_action_to_string (MML_WATCH_ACTION_WATCHED), ==, "watched");
  g_assert_cmpstr (mml_watch_action_to_string (MML_WATCH_ACTION_UNWATCHED), ==, "unwatched");
  mml_watch_event_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/watch-event/plex-fixture", test_plex_fixture);
  g_test_add_func ("/watch-event/emby-fixture", test_emby_fixture);
  g_test_add_func ("/watch-event/plex", test_plex_events);
  g_test_add_func ("/watch-event/jellyfin", test_jellyfin);
  g_test_add_func ("/watch-event/jellyfin-strings", test_jellyfin_strings);
  g_test_add_func ("/watch-event/emby", test_emby);
  g_test_add_func ("/watch-event/malformed", test_malformed);
  g_test_add_func ("/watch-event/key", test_key);
  g_test_add_func ("/watch-event/action-names", test_action_names);

  return g_test_run ();
}
