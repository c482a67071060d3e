/* mml-watch-sync.c — the three-way merge of watched marks and the server
 * path mappings (see mml-watch-sync.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "mml-watch-sync.h"

/* Two dates closer than this are the same viewing (servers round them,
 * and a push stores the time the server received it). */
#define SAME_TIME_SECONDS 120

static gboolean
later (gint64 a,
       gint64 b)
{
  return a > 0 && a > b + SAME_TIME_SECONDS;
}

/* Whether @side moved away from @base: another flag, or watched again */
static gboolean
changed (const MmlWatchState *side,
         const MmlWatchState *base,
         gboolean             dates_count)
{
  if (side->watched != base->watched)
    return TRUE;
  if (!side->watched)
    return FALSE;
  if (side->plays > base->plays)
    return TRUE;
  return dates_count && later (side->at, base->at);
}

MmlSyncDecision
mml_watch_sync_decide (const MmlWatchState *local,
                       const MmlWatchState *server,
                       const MmlWatchState *baseline,
                       gboolean             lossy_dates)
{
  MmlSyncDecision d = { MML_SYNC_NOTHING, "in step" };
  gboolean local_changed, server_changed;

  g_return_val_if_fail (local != NULL && server != NULL, d);

  if (baseline == NULL)
    {
      if (local->watched == server->watched)
        return (MmlSyncDecision) { MML_SYNC_BASELINE, "first sync: in step" };
      if (server->watched)
        return (MmlSyncDecision) { MML_SYNC_PULL, "first sync: watched on the server" };
      return (MmlSyncDecision) { MML_SYNC_PUSH, "first sync: watched here (a first sync never un-watches)" };
    }

  local_changed = changed (local, baseline, TRUE);
  server_changed = changed (server, baseline, !lossy_dates);

  if (!local_changed && !server_changed)
    {
      /* a baseline that no longer says what the server has (plays or a
       * date moved without a change of flag worth acting on) is brought
       * up to date; the flags agree with it */
      if (server->watched == baseline->watched &&
          (server->plays != baseline->plays || server->at != baseline->at))
        return (MmlSyncDecision) { MML_SYNC_BASELINE, "in step" };
      return d;
    }
  if (local_changed && server_changed)
    {
      if (local->watched == server->watched)
        return (MmlSyncDecision) { MML_SYNC_BASELINE, "changed the same way on both sides" };
      return (MmlSyncDecision) { MML_SYNC_CONFLICT,
                                 local->watched ? "watched here, un-watched on the server"
                                                : "un-watched here, watched again on the server" };
    }
  if (local_changed)
    {
      if (local->watched == server->watched)
        return (MmlSyncDecision) { MML_SYNC_BASELINE, "watched again here" };
      return (MmlSyncDecision) { MML_SYNC_PUSH, local->watched ? "watched here" : "un-watched here" };
    }
  if (local->watched == server->watched)
    return (MmlSyncDecision) { MML_SYNC_BASELINE, "watched again on the server" };
  return (MmlSyncDecision) { MML_SYNC_PULL, server->watched ? "watched on the server" : "un-watched on the server" };
}

const char *
mml_sync_action_to_string (MmlSyncAction action)
{
  static const char * const names[] = { "nothing", "baseline", "pull", "push", "conflict" };

  g_return_val_if_fail (action <= MML_SYNC_CONFLICT, NULL);
  return names[action];
}

const char *
mml_watch_prefer_to_string (MmlWatchPrefer prefer)
{
  switch (prefer)
    {
    case MML_WATCH_PREFER_LOCAL:
      return "local";
    case MML_WATCH_PREFER_SERVER:
      return "server";
    case MML_WATCH_PREFER_NONE:
    default:
      return NULL;
    }
}

gboolean
mml_watch_prefer_from_string (const char     *str,
                              MmlWatchPrefer *prefer)
{
  g_return_val_if_fail (prefer != NULL, FALSE);

  if (str == NULL || g_str_equal (str, "none"))
    *prefer = MML_WATCH_PREFER_NONE;
  else if (g_str_equal (str, "local"))
    *prefer = MML_WATCH_PREFER_LOCAL;
  else if (g_str_equal (str, "server"))
    *prefer = MML_WATCH_PREFER_SERVER;
  else
    return FALSE;
  return TRUE;
}

MmlSyncDecision
mml_watch_sync_settle (MmlSyncDecision decision,
                       MmlWatchPrefer  prefer)
{
  if (decision.action != MML_SYNC_CONFLICT || prefer == MML_WATCH_PREFER_NONE)
    return decision;
  if (prefer == MML_WATCH_PREFER_LOCAL)
    return (MmlSyncDecision) { MML_SYNC_PUSH, "changed differently on both sides: the series keeps this library's mark" };
  return (MmlSyncDecision) { MML_SYNC_PULL, "changed differently on both sides: the series keeps the server's mark" };
}

/* ---- paths ---- */

static gboolean
has_drive (const char *path)
{
  return g_ascii_isalpha (path[0]) && path[1] == ':' && (path[2] == '/' || path[2] == '\0');
}

char *
mml_server_path_normalize (const char *server_path)
{
  GString *out;
  const char *p;

  if (server_path == NULL || *server_path == '\0')
    return NULL;

  out = g_string_sized_new (strlen (server_path));
  for (p = server_path; *p != '\0'; p++)
    {
      char c = *p == '\\' ? '/' : *p;

      /* fold "//" but keep a UNC path's leading pair */
      if (c == '/' && out->len > 1 && out->str[out->len - 1] == '/')
        continue;
      g_string_append_c (out, c);
    }
  while (out->len > 1 && out->str[out->len - 1] == '/' &&
         !(out->len == 3 && has_drive (out->str)))
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* Whether normalised @path starts with normalised @prefix at a component
 * boundary; the rest of @path after it in @rest */
static gboolean
holds (const char  *prefix,
       const char  *path,
       const char **rest)
{
  gsize n = strlen (prefix);
  gboolean fold = has_drive (prefix) || has_drive (path);

  if (n == 1 && prefix[0] == '/')
    n = 0;   /* "/" holds every absolute path */
  if (n > 0 && (fold ? g_ascii_strncasecmp (prefix, path, n) : strncmp (prefix, path, n)) != 0)
    return FALSE;
  if (path[n] != '\0' && path[n] != '/')
    return FALSE;
  *rest = path + n;
  return TRUE;
}

char *
mml_server_path_map (const char * const *prefixes,
                     const char         *server_path)
{
  g_autofree char *path = mml_server_path_normalize (server_path);
  const char *best_local = NULL;
  const char *best_rest = NULL;
  gsize best_len = 0;
  gboolean found = FALSE;

  if (path == NULL || prefixes == NULL)
    return NULL;

  for (guint i = 0; prefixes[i] != NULL && prefixes[i + 1] != NULL; i += 2)
    {
      g_autofree char *prefix = mml_server_path_normalize (prefixes[i]);
      const char *rest;

      if (prefix == NULL || !holds (prefix, path, &rest))
        continue;
      if (!found || strlen (prefix) > best_len)
        {
          found = TRUE;
          best_len = strlen (prefix);
          best_local = prefixes[i + 1];
          best_rest = rest;
        }
    }
  if (!found)
    return NULL;
  {
    g_autofree char *local = g_strdup (best_local);
    gsize n = strlen (local);

    while (n > 1 && local[n - 1] == '/')
      local[--n] = '\0';
    if (*best_rest == '\0')
      return g_steal_pointer (&local);
    return g_strconcat (g_str_equal (local, "/") ? "" : local, best_rest, NULL);
  }
}

gboolean
mml_server_prefix_valid (const char  *prefix,
                         GError     **error)
{
  g_autofree char *norm = NULL;
  g_auto(GStrv) parts = NULL;

  if (prefix == NULL || *prefix == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The folder is empty"));
      return FALSE;
    }
  if (!g_utf8_validate (prefix, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The folder is not valid text"));
      return FALSE;
    }
  for (const char *p = prefix; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("The folder holds a control character"));
        return FALSE;
      }
  norm = mml_server_path_normalize (prefix);
  if (norm[0] != '/' && !has_drive (norm))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an absolute folder"), prefix);
      return FALSE;
    }
  parts = g_strsplit (norm, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” goes up with “..”"), prefix);
        return FALSE;
      }
  return TRUE;
}
