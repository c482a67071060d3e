/* mml-series-folder.c — what a series folder's name says: title, year, ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "mml-series-folder.h"

/*
 * Plex, Jellyfin, Emby and Sonarr users tag folders with provider ids:
 *   "Show (2010) {tvdb-123}", "Show [tvdbid-123]", "Show {imdb-tt0123}",
 *   "Show {tmdb-456}", "Show [tvmazeid-78]".
 * The tags come out; "(2010)" at the end becomes the year.
 */

static gboolean
take_tag (const char      *tag,
          gsize            len,
          MmlSeriesFolder *out)
{
  static const struct { const char *prefix; int which; } prefixes[] = {
    { "tvdbid-", 0 }, { "tvdbid=", 0 }, { "tvdb-", 0 }, { "tvdb=", 0 },
    { "tmdbid-", 1 }, { "tmdbid=", 1 }, { "tmdb-", 1 }, { "tmdb=", 1 },
    { "imdbid-", 2 }, { "imdbid=", 2 }, { "imdb-", 2 }, { "imdb=", 2 },
    { "tvmazeid-", 3 }, { "tvmaze-", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize plen = strlen (prefixes[i].prefix);
      char value[24];
      gsize vlen;

      if (len <= plen || g_ascii_strncasecmp (tag, prefixes[i].prefix, plen) != 0)
        continue;

      vlen = len - plen;
      if (vlen >= sizeof value)
        return FALSE;
      memcpy (value, tag + plen, vlen);
      value[vlen] = '\0';

      if (prefixes[i].which == 2)
        {
          if (vlen < 3 || g_ascii_strncasecmp (value, "tt", 2) != 0)
            return FALSE;
          for (gsize k = 2; k < vlen; k++)
            if (!g_ascii_isdigit (value[k]))
              return FALSE;
          g_strlcpy (out->imdb_id, value, sizeof out->imdb_id);
          out->imdb_id[0] = 't';
          out->imdb_id[1] = 't';
          return TRUE;
        }
      else
        {
          guint64 id;

          if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &id, NULL))
            return FALSE;
          if (prefixes[i].which == 0)
            out->tvdb_id = (gint64) id;
          else if (prefixes[i].which == 1)
            out->tmdb_id = (gint64) id;
          else
            out->tvmaze_id = (gint64) id;
          return TRUE;
        }
    }

  return FALSE;
}

void
mml_series_folder_parse (const char      *name,
                         gssize           len,
                         MmlSeriesFolder *out)
{
  char buf[256];
  gsize n = 0;

  memset (out, 0, sizeof *out);
  if (len < 0)
    len = strlen (name);

  /* Copy without the id tags. */
  for (gssize i = 0; i < len && n < sizeof buf - 1; i++)
    {
      char c = name[i];

      if (c == '{' || c == '[')
        {
          char close = c == '{' ? '}' : ']';
          const char *end = memchr (name + i + 1, close, len - i - 1);

          if (end != NULL && take_tag (name + i + 1, end - (name + i + 1), out))
            {
              i = end - name;
              continue;
            }
        }
      buf[n++] = c;
    }
  buf[n] = '\0';

  g_strstrip (buf);
  n = strlen (buf);

  /* "Title (2010)" */
  if (n >= 7 && buf[n - 1] == ')' && buf[n - 6] == '(' &&
      g_ascii_isdigit (buf[n - 5]) && g_ascii_isdigit (buf[n - 4]) &&
      g_ascii_isdigit (buf[n - 3]) && g_ascii_isdigit (buf[n - 2]))
    {
      int year = atoi (buf + n - 5);

      if (year >= 1900 && year <= 2100)
        {
          out->year = year;
          buf[n - 6] = '\0';
          g_strstrip (buf);
        }
    }

  g_strlcpy (out->title, buf, sizeof out->title);
}

/* The title without a leading article, for sorting ("The Office" → "Office"). */
const char *
mml_series_folder_sort_title (const char *title)
{
  static const char * const articles[] = { "the ", "a ", "an " };

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      gsize len = strlen (articles[i]);

      if (g_ascii_strncasecmp (title, articles[i], len) == 0 && title[len] != '\0')
        return title + len;
    }

  return title;
}

G_DEFINE_QUARK (mml-series-folder-error-quark, mml_series_folder_error)

/**
 * mml_series_folder_check_name:
 * @name: a folder name, UTF-8, as a user typed it
 *
 * The one rule for a series folder made by the app or the CLI: one folder
 * (no separator), not a way up, and not hidden, since the scan skips
 * hidden folders and the series would never be found.
 *
 * Returns: %TRUE when @name will do; else %FALSE with a sentence in @error
 */
gboolean
mml_series_folder_check_name (const char  *name,
                              GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, MML_SERIES_FOLDER_ERROR, MML_SERIES_FOLDER_ERROR_EMPTY,
                           _("Enter the name of the series’ folder."));
      return FALSE;
    }
  if (strchr (name, '/') != NULL || strchr (name, '\\') != NULL)
    {
      g_set_error_literal (error, MML_SERIES_FOLDER_ERROR, MML_SERIES_FOLDER_ERROR_SEPARATOR,
                           _("A folder name cannot contain “/”."));
      return FALSE;
    }
  if (strstr (name, "..") != NULL)
    {
      g_set_error_literal (error, MML_SERIES_FOLDER_ERROR, MML_SERIES_FOLDER_ERROR_PARENT,
                           _("A folder name cannot contain “..”."));
      return FALSE;
    }
  if (name[0] == '.')
    {
      g_set_error_literal (error, MML_SERIES_FOLDER_ERROR, MML_SERIES_FOLDER_ERROR_HIDDEN,
                           _("A folder name cannot start with a dot: the scan skips hidden folders."));
      return FALSE;
    }
  return TRUE;
}

/**
 * mml_series_folder_suggest:
 * @title: (nullable): the show's title
 * @year: its first year, or 0
 *
 * Returns: (transfer full): "Title (Year)", safe as one folder name: no
 *   separators, no leading dots, trimmed
 */
char *
mml_series_folder_suggest (const char *title,
                           int         year)
{
  g_autofree char *safe = g_strdup (title != NULL ? title : "");

  g_strdelimit (safe, "/\\", '-');
  g_strstrip (safe);
  while (safe[0] == '.')
    memmove (safe, safe + 1, strlen (safe));
  while (strstr (safe, "..") != NULL)
    {
      char *dots = strstr (safe, "..");

      memmove (dots, dots + 1, strlen (dots));
    }

  if (year > 0)
    return g_strdup_printf ("%s (%d)", safe, year);
  return g_steal_pointer (&safe);
}
