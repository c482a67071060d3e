/* mml-scan-types.c — a scan's summary and events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-scan"

#include "config.h"

#include <string.h>

#include "mml-scan-private.h"
#include "mml-scan-types.h"
#include "mml-util.h"

MmlScanEvent *
mml_scan_event_new (MmlScanEventKind  kind,
                    gint64            root_id,
                    const char       *path,
                    const char       *old_path)
{
  MmlScanEvent *event = g_new0 (MmlScanEvent, 1);

  event->kind = kind;
  event->root_id = root_id;
  event->path = g_strdup (path);
  event->old_path = g_strdup (old_path);
  return event;
}

void
mml_scan_event_free (MmlScanEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->path);
  g_free (event->old_path);
  g_free (event);
}

MmlScanSummary *
mml_scan_summary_new (void)
{
  MmlScanSummary *summary = g_new0 (MmlScanSummary, 1);

  summary->error_messages = g_ptr_array_new_with_free_func (g_free);
  summary->events = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_scan_event_free);
  return summary;
}

void
mml_scan_summary_free (MmlScanSummary *summary)
{
  if (summary == NULL)
    return;

  g_ptr_array_unref (summary->error_messages);
  g_ptr_array_unref (summary->events);
  g_free (summary);
}

const char *
mml_scan_event_kind_to_string (MmlScanEventKind kind)
{
  static const char * const names[] = { "created", "changed", "renamed", "deleted", "unavailable" };

  g_return_val_if_fail (kind <= MML_SCAN_EVENT_UNAVAILABLE, NULL);
  return names[kind];
}

/**
 * mml_scan_summary_to_json:
 *
 * The stable JSON form (README): counts, seconds, and up to 20 error lines.
 */
void
mml_scan_summary_to_json (const MmlScanSummary *s,
                          GString              *out)
{
  g_string_append_printf (out,
                          "{\"files\": %u, \"videos\": %u, \"subtitles\": %u, \"series\": %u, "
                          "\"new\": %u, \"changed\": %u, \"renamed\": %u, \"missing\": %u, "
                          "\"unavailable\": %u, \"unchanged\": %u, \"unrecognised\": %u, "
                          "\"ignored\": %u, \"errors\": %u, \"seconds\": %.3f, \"error_messages\": [",
                          s->files, s->videos, s->subtitles, s->series,
                          s->added, s->changed, s->renamed, s->missing,
                          s->unavailable, s->unchanged, s->unrecognised,
                          s->ignored, s->errors, s->seconds);
  for (guint i = 0; i < MIN (s->error_messages->len, 20); i++)
    {
      if (i)
        g_string_append (out, ", ");
      mml_json_append_string (out, g_ptr_array_index (s->error_messages, i), -1);
    }
  g_string_append (out, "]}");
}

/* TRUE when @path is @prefix or lies below it; "" holds every path. */
gboolean
_mml_scan_path_is_under (const char *path,
                         const char *prefix)
{
  gsize len = strlen (prefix);

  if (len == 0)
    return TRUE;

  return strncmp (path, prefix, len) == 0 && (path[len] == '\0' || path[len] == '/');
}
