/* mml-cli-parse.c — `mml parse`: one JSON object per name read on stdin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-cli.h"
#include "mml-parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STDOUT_BUFFER (1 << 20)

static const char parse_usage[] =
  N_("Usage: mml parse [--absolute] [--daily] < NAMES\n"
     "\n"
     "Reads release or file names, one per line, and prints one JSON object per line.\n"
     "A line containing “/” is parsed as a path (folder context is used).\n"
     "\n"
     "  --absolute   prefer absolute (anime) episode numbers\n"
     "  --daily      read ambiguous dates day first\n"
     "  -h, --help   show this help\n");

int
mml_cli_parse (MmlCli  *cli,
               int      argc,
               char   **argv)
{
  static char outbuf[STDOUT_BUFFER];
  MmlParseFlags flags = MML_PARSE_FLAGS_NONE;
  MmlParseResult *r;
  GString *json;
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  int i;

  for (i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          fputs (_(parse_usage), stdout);
          return MML_EXIT_OK;
        }
      else if (strcmp (argv[i], "--absolute") == 0)
        flags |= MML_PARSE_PREFER_ABSOLUTE;
      else if (strcmp (argv[i], "--daily") == 0)
        flags |= MML_PARSE_PREFER_DAILY;
      else
        return mml_cli_unexpected (cli, argv[i]);
    }

  setvbuf (stdout, outbuf, _IOFBF, sizeof outbuf);
  r = g_new (MmlParseResult, 1);
  json = g_string_sized_new (1024);

  while ((got = getline (&line, &cap, stdin)) != -1)
    {
      gsize n = (gsize) got;

      while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
      if (memchr (line, '/', n) != NULL)
        mml_parse_path (line, (gssize) n, flags, r);
      else
        mml_parse_name (line, (gssize) n, flags, r);
      g_string_truncate (json, 0);
      mml_parse_result_to_json (r, json);
      g_string_append_c (json, '\n');
      fwrite (json->str, 1, json->len, stdout);
    }

  free (line);
  g_string_free (json, TRUE);
  g_free (r);
  if (fflush (stdout) != 0)
    return MML_EXIT_FAILURE;
  return MML_EXIT_OK;
}
