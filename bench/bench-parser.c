/* bench-parser.c — names per second of the release / file-name parser on one core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-parser [NAMES_FILE|CORPUS.jsonl] [ITERATIONS]
 * Without a file, synthetic names are generated.  The figure is also given as
 * a ratio to a baseline pass (strlen + memchr over the same names), so that
 * results compare across machines.  A second figure times the per-file checks
 * of a library scan (mml_is_video_ext / _subtitle_ext / _ignored_name).
 */
#include "mml-parser.h"

#include <stdio.h>
#include <string.h>

static const char *const synth_titles[] = {
  "Some.Show", "Another Show", "The_Long_Show_Name", "Show (2010)", "[Grp] Anime Show",
};
/* Literal formats (-Wformat-nonliteral) */
static char *
synth_name (gsize i)
{
  const char *title = synth_titles[i % G_N_ELEMENTS (synth_titles)];
  int a = (int) (i % 24) + 1, b = a + 1;

  switch (i % 6)
    {
    case 0: return g_strdup_printf ("%s.S01E%02d.720p.HDTV.x264-GRP", title, a);
    case 1: return g_strdup_printf ("%s - %02d [1080p][ABCD1234].mkv", title, a);
    case 2: return g_strdup_printf ("%s.S02E%02dE%02d.1080p.WEB-DL.DD5.1.H.264-NTb", title, a, b);
    case 3: return g_strdup_printf ("%s 2024.03.%02d.720p.WEB", title, a);
    case 4: return g_strdup_printf ("%s/Season 1/%02d - Title.mkv", title, a);
    default: return g_strdup_printf ("%s.1x%02d.DVDRip.XviD-FRENCH", title, a);
    }
}

static GPtrArray *
load_names (const char *path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  gsize i;

  if (path == NULL)
    {
      for (i = 0; i < 5000; i++)
        g_ptr_array_add (names, synth_name (i));
      return names;
    }
  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_printerr ("bench-parser: cannot read %s\n", path);
      return names;
    }
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];
      const char *in;

      if (*l == '\0')
        continue;
      /* JSONL corpus: take the "input" string (no escapes needed for a benchmark) */
      if (*l == '{' && (in = strstr (l, "\"input\": \"")) != NULL)
        {
          const char *s = in + 10, *e = s;

          while (*e != '\0' && !(*e == '"' && e[-1] != '\\'))
            e++;
          g_ptr_array_add (names, g_strndup (s, e - s));
        }
      else
        g_ptr_array_add (names, g_strdup (l));
    }
  return names;
}

/* The per-file checks of a library scan (mml-scan-walk.c) on directory entries:
 * each name's base, and that base as a video, a sidecar and an .nfo.
 * Prints ns per mml_is_video_ext () call and per full classification. */
static gsize
bench_file_kinds (GPtrArray *names,
                  guint      iterations)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gint64 t0, t1, t2;
  gsize sink = 0, count;
  guint it, i;

  for (i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      const char *base = strrchr (n, '/') != NULL ? strrchr (n, '/') + 1 : n;

      g_ptr_array_add (files, g_strdup (base));
      g_ptr_array_add (files, g_strconcat (base, ".mkv", NULL));
      g_ptr_array_add (files, g_strconcat (base, ".en.srt", NULL));
      g_ptr_array_add (files, g_strconcat (base, ".nfo", NULL));
    }
  iterations *= 10;

  t0 = g_get_monotonic_time ();
  for (it = 0; it < iterations; it++)
    for (i = 0; i < files->len; i++)
      sink += mml_is_video_ext (g_ptr_array_index (files, i));
  t1 = g_get_monotonic_time ();
  for (it = 0; it < iterations; it++)
    for (i = 0; i < files->len; i++)
      {
        const char *f = g_ptr_array_index (files, i);
        gboolean video = mml_is_video_ext (f);
        gboolean sub = !video && mml_is_subtitle_ext (f);

        sink += (video || sub) && !mml_is_ignored_name (f);
      }
  t2 = g_get_monotonic_time ();

  count = (gsize) files->len * iterations;
  printf ("file kinds: %.1f ns per mml_is_video_ext (), %.1f ns per scan classification"
          " (video/subtitle/ignored)\n",
          MAX (t1 - t0, 1) * 1e3 / count, MAX (t2 - t1, 1) * 1e3 / count);
  return sink;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GPtrArray) names = load_names (argc > 1 ? argv[1] : NULL);
  guint iterations = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 200;
  MmlParseResult r;
  gint64 t0, t1, t2;
  guint it, i;
  gsize sink = 0, count;
  double parse_s, base_s;

  if (names->len == 0)
    return 1;
  if (iterations == 0)
    iterations = 1;

  t0 = g_get_monotonic_time ();
  for (it = 0; it < iterations; it++)
    for (i = 0; i < names->len; i++)
      {
        const char *n = g_ptr_array_index (names, i);
        gsize len = strlen (n);

        sink += memchr (n, '/', len) != NULL;
        sink += memchr (n, '.', len) != NULL;
        sink += len;
      }
  t1 = g_get_monotonic_time ();
  for (it = 0; it < iterations; it++)
    for (i = 0; i < names->len; i++)
      {
        const char *n = g_ptr_array_index (names, i);

        if (strchr (n, '/') != NULL)
          mml_parse_path (n, -1, MML_PARSE_FLAGS_NONE, &r);
        else
          mml_parse_name (n, -1, MML_PARSE_FLAGS_NONE, &r);
        sink += r.n_episodes;
      }
  t2 = g_get_monotonic_time ();

  count = (gsize) names->len * iterations;
  base_s = MAX (t1 - t0, 1) / 1e6;
  parse_s = MAX (t2 - t1, 1) / 1e6;
  printf ("names: %u × %u iterations = %" G_GSIZE_FORMAT "\n", names->len, iterations, count);
  printf ("parser:   %.0f names/s (%.2f µs/name)\n", count / parse_s, parse_s * 1e6 / count);
  printf ("baseline: %.0f names/s (strlen + memchr)\n", count / base_s);
  printf ("ratio:    parser is %.1f× slower than the baseline pass\n", parse_s / base_s);
  sink += bench_file_kinds (names, iterations);
  printf ("(sink %" G_GSIZE_FORMAT ")\n", sink);
  return 0;
}
