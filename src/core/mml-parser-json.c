/* mml-parser-json.c — JSON form of a parse result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-parser-private.h"

#include <string.h>

/* ------------------------------------------------------------------- JSON */

static void
json_string (GString    *s,
             const char *p)
{
  const char *end = p + strlen (p);

  g_string_append_c (s, '"');
  while (p < end)
    {
      guchar ch = (guchar) *p;

      if (ch < 0x80)
        {
          switch (ch)
            {
            case '"': g_string_append (s, "\\\""); break;
            case '\\': g_string_append (s, "\\\\"); break;
            case '\n': g_string_append (s, "\\n"); break;
            case '\r': g_string_append (s, "\\r"); break;
            case '\t': g_string_append (s, "\\t"); break;
            default:
              if (ch < 0x20 || ch == 0x7F)
                g_string_append_printf (s, "\\u%04x", ch);
              else
                g_string_append_c (s, (char) ch);
            }
          p++;
          continue;
        }
      {
        gunichar u = g_utf8_get_char_validated (p, end - p);

        if (u == (gunichar) -1 || u == (gunichar) -2)
          {
            g_string_append (s, "\xef\xbf\xbd");
            p++;
          }
        else
          {
            const char *q = g_utf8_next_char (p);

            g_string_append_len (s, p, q - p);
            p = q;
          }
      }
    }
  g_string_append_c (s, '"');
}

static void
json_ints (GString   *s,
           const int *v,
           guint      n)
{
  guint i;

  g_string_append_c (s, '[');
  for (i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, "%d", v[i]);
    }
  g_string_append_c (s, ']');
}

void
mml_parse_result_to_json (const MmlParseResult *r,
                          GString              *out)
{
  guint i;

  g_return_if_fail (r != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, "{\"parsed\":");
  g_string_append (out, r->parsed ? "true" : "false");
  g_string_append (out, ",\"title\":");
  if (r->title[0] != '\0')
    json_string (out, r->title);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"season\":");
  if (r->season >= 0)
    g_string_append_printf (out, "%d", r->season);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"episodes\":");
  json_ints (out, r->episodes, MIN (r->n_episodes, MAX_EP));
  g_string_append (out, ",\"absolute\":");
  json_ints (out, r->absolute, MIN (r->n_absolute, MAX_EP));
  g_string_append (out, ",\"air_date\":");
  if (r->air_year > 0)
    g_string_append_printf (out, "\"%04d-%02d-%02d\"", r->air_year, r->air_month, r->air_day);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"full_season\":");
  g_string_append (out, r->full_season ? "true" : "false");
  g_string_append (out, ",\"special\":");
  g_string_append (out, r->special ? "true" : "false");
  g_string_append (out, ",\"year\":");
  if (r->year > 0)
    g_string_append_printf (out, "%d", r->year);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"release_group\":");
  if (r->release_group[0] != '\0')
    json_string (out, r->release_group);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"resolution\":");
  if (r->resolution > 0)
    g_string_append_printf (out, "\"%dp\"", r->resolution);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"languages\":[");
  for (i = 0; i < r->n_languages && i < MML_PARSE_MAX_LANGUAGES; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_string (out, r->languages[i]);
    }
  g_string_append (out, "]}");
}
