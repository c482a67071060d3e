/* mml-cli-text.c — text for a terminal: what the disk and servers supply,
 * made safe to print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File names, folder names and the titles, networks and overviews a
 * provider sends are bytes nobody checked: an escape sequence in them
 * (ESC, CSI, OSC … BEL) would retitle, clear or reprogram the terminal
 * that prints them, and a CR or LF would split one record of a listing
 * into two. Every text line of `mml` that holds such a value prints it
 * through here; JSON output escapes by itself.
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <string.h>

#include "mml-cli.h"

#define REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD */

static GString *
escape (const char *str,
        gboolean    keep_newlines)
{
  const char *p, *end;
  GString *out;

  if (str == NULL)
    return g_string_new (NULL);

  end = str + strlen (str);
  out = g_string_sized_new (end - str);
  for (p = str; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* one replacement per byte, as g_filename_display_name() does */
          g_string_append (out, REPLACEMENT);
          p++;
          continue;
        }
      next = g_utf8_next_char (p);

      if (c == '\n' && keep_newlines)
        g_string_append_c (out, '\n');
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c < 0xa0)
        /* C1 controls: U+009B is a CSI to many terminals */
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }

  return out;
}

/**
 * mml_cli_text:
 * @str: (nullable): bytes from disk or a server
 *
 * Returns: (transfer full): @str as one line of valid UTF-8 with every
 *   control character shown as an escape; "" for %NULL
 */
char *
mml_cli_text (const char *str)
{
  return g_string_free (escape (str, FALSE), FALSE);
}

/**
 * mml_cli_text_block:
 *
 * mml_cli_text() keeping line feeds: for a paragraph of its own.
 *
 * Returns: (transfer full): the text
 */
char *
mml_cli_text_block (const char *str)
{
  return g_string_free (escape (str, TRUE), FALSE);
}

/**
 * mml_cli_text_pad:
 *
 * mml_cli_text() for a column @width characters wide: cut at a character
 * (never inside one, as printf's "%-40.40s" would) and padded with spaces.
 *
 * Returns: (transfer full): the text
 */
char *
mml_cli_text_pad (const char *str,
                  guint       width)
{
  GString *out = escape (str, FALSE);
  glong length = g_utf8_strlen (out->str, out->len);

  if (length > (glong) width)
    g_string_truncate (out, g_utf8_offset_to_pointer (out->str, width) - out->str);
  for (; length < (glong) width; length++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}
