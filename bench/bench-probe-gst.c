/* bench-probe-gst.c — embedded subtitle tracks read by libavformat (what the
 * library uses) against GStreamer's GstDiscoverer, on the same files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-probe-gst [N_FILES]
 *
 * Issue 12 asked to measure both on a real MKV and MP4 and to say which
 * the library uses and why. This makes one MKV (five subtitle tracks with
 * languages, titles and flags) and one MP4 (three mov_text tracks) with
 * ffmpeg, copies each N_FILES times (default 300) into a temporary folder,
 * and reads every copy with:
 *
 *   libavformat   mml_media_probe_file(): the library's probe
 *   discoverer    gst_discoverer_discover_uri() of one GstDiscoverer, its
 *                 subtitle streams and their language tags
 *
 * on one thread each, the files in the page cache. It prints files per
 * second, the ratio, and what each found in the first file of each kind
 * (tracks, languages, and whether forced / hearing-impaired / titles come
 * through), so that speed and completeness are judged together.
 *
 * Built only when gstreamer-pbutils-1.0 is installed (bench/meson.build);
 * nothing of the application links GStreamer.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <stdio.h>

#include "mml-media-probe.h"

static const char srt[] = "1\n00:00:00,000 --> 00:00:01,000\nShalom\n";

static gboolean
run_ffmpeg (const char * const *argv)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
make_files (const char *dir,
            const char *mkv,
            const char *mp4)
{
  g_autofree char *srt_path = g_build_filename (dir, "a.srt", NULL);
  const char *mkv_argv[] = {
    "ffmpeg", "-nostdin", "-v", "error", "-y",
    "-f", "lavfi", "-i", "testsrc=size=320x240:duration=2:rate=25", "-i", srt_path,
    "-map", "0", "-map", "1", "-map", "1", "-map", "1", "-map", "1", "-map", "1",
    "-c:v", "mpeg4", "-c:s", "srt",
    "-metadata:s:s:0", "language=heb", "-metadata:s:s:0", "title=Hebrew",
    "-metadata:s:s:1", "language=eng", "-metadata:s:s:1", "title=Signs", "-disposition:s:1", "forced",
    "-metadata:s:s:2", "language=eng", "-metadata:s:s:2", "title=English SDH",
    "-disposition:s:2", "hearing_impaired",
    "-metadata:s:s:3", "language=fre", "-metadata:s:s:4", "language=ger",
    mkv, NULL
  };
  const char *mp4_argv[] = {
    "ffmpeg", "-nostdin", "-v", "error", "-y",
    "-f", "lavfi", "-i", "testsrc=size=320x240:duration=2:rate=25", "-i", srt_path,
    "-map", "0", "-map", "1", "-map", "1", "-map", "1",
    "-c:v", "mpeg4", "-c:s", "mov_text",
    "-metadata:s:s:0", "language=heb", "-metadata:s:s:1", "language=eng", "-disposition:s:1", "forced",
    "-metadata:s:s:2", "language=fre",
    mp4, NULL
  };

  return g_file_set_contents (srt_path, srt, -1, NULL) && run_ffmpeg (mkv_argv) && run_ffmpeg (mp4_argv);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* What libavformat read in @path: "5 tracks: he en en fr de · forced 1 · SDH 1 · titles 3" */
static char *
describe_av (const char *path)
{
  g_autoptr(GPtrArray) tracks = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint forced = 0, hi = 0, titles = 0;

  if (!mml_media_probe_file (path, &tracks, NULL))
    return g_strdup ("failed");
  g_string_append_printf (out, "%u tracks:", tracks->len);
  for (guint i = 0; i < tracks->len; i++)
    {
      MmlProbedTrack *t = g_ptr_array_index (tracks, i);

      g_string_append_printf (out, " %s", t->language ? t->language : "und");
      forced += t->forced;
      hi += t->hearing_impaired;
      titles += t->title != NULL;
    }
  g_string_append_printf (out, " · forced %u · SDH %u · titles %u", forced, hi, titles);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The same from GstDiscoverer: subtitle streams, their language tags; what
 * it exposes of forced / SDH (nothing of its own) and titles (the title
 * tag, when the demuxer posts one) */
static char *
describe_gst (GstDiscovererInfo *info)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GList *streams = gst_discoverer_info_get_subtitle_streams (info);
  guint n = 0, titles = 0;

  for (GList *l = streams; l != NULL; l = l->next)
    n++;
  g_string_append_printf (out, "%u tracks:", n);
  for (GList *l = streams; l != NULL; l = l->next)
    {
      GstDiscovererSubtitleInfo *s = l->data;
      const GstTagList *tags = gst_discoverer_stream_info_get_tags (GST_DISCOVERER_STREAM_INFO (s));
      const char *lang = gst_discoverer_subtitle_info_get_language (s);
      g_autofree char *title = NULL;
      g_autofree char *tag_lang = NULL;

      /* the stream's own language tag, where the info has none */
      if (lang == NULL && tags != NULL)
        gst_tag_list_get_string (tags, GST_TAG_LANGUAGE_CODE, &tag_lang);
      g_string_append_printf (out, " %s", lang ? lang : tag_lang ? tag_lang : "und");
      if (tags != NULL && gst_tag_list_get_string (tags, GST_TAG_TITLE, &title))
        titles++;
    }
  g_string_append_printf (out, " · forced - · SDH - · titles %u", titles);
  gst_discoverer_stream_info_list_free (streams);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static double
time_av (GPtrArray *paths)
{
  gint64 t0 = g_get_monotonic_time ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GPtrArray) tracks = NULL;

      if (!mml_media_probe_file (g_ptr_array_index (paths, i), &tracks, NULL))
        g_printerr ("libavformat failed on %s\n", (const char *) g_ptr_array_index (paths, i));
    }
  return (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
}

static double
time_gst (GstDiscoverer *discoverer,
          GPtrArray     *uris,
          char         **first)
{
  gint64 t0 = g_get_monotonic_time ();

  for (guint i = 0; i < uris->len; i++)
    {
      g_autoptr(GError) error = NULL;
      GstDiscovererInfo *info = gst_discoverer_discover_uri (discoverer, g_ptr_array_index (uris, i), &error);

      if (info == NULL)
        g_printerr ("discoverer failed on %s: %s\n", (const char *) g_ptr_array_index (uris, i),
                    error ? error->message : "?");
      else
        {
          if (i == 0 && first != NULL)
            *first = describe_gst (info);
          gst_discoverer_info_unref (info);
        }
    }
  return (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 300;
  g_autofree char *dir = g_dir_make_tmp ("mml-bench-gst-XXXXXX", NULL);
  g_autofree char *mkv = NULL, *mp4 = NULL;
  g_autoptr(GError) error = NULL;
  GstDiscoverer *discoverer;
  const char *kinds[] = { "mkv", "mp4" };
  int status = 0;

  gst_init (&argc, &argv);
  if (dir == NULL || n == 0)
    return 1;
  mkv = g_build_filename (dir, "sample.mkv", NULL);
  mp4 = g_build_filename (dir, "sample.mp4", NULL);
  if (!make_files (dir, mkv, mp4))
    {
      g_printerr ("bench-probe-gst: ffmpeg could not make the sample files\n");
      remove_tree (dir);
      return 77;
    }
  if (!(discoverer = gst_discoverer_new (10 * GST_SECOND, &error)))
    {
      g_printerr ("bench-probe-gst: %s\n", error->message);
      remove_tree (dir);
      return 1;
    }

  printf ("%u copies of each file, one thread, page cache warm; %u cores\n", n, g_get_num_processors ());
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *av_first = NULL, *gst_first = NULL;
      g_autofree char *contents = NULL;
      gsize len = 0;
      double t_av, t_gst;

      if (!g_file_get_contents (k == 0 ? mkv : mp4, &contents, &len, NULL))
        return 1;
      for (guint i = 0; i < n; i++)
        {
          char *path = g_strdup_printf ("%s/%s-%04u.%s", dir, kinds[k], i, kinds[k]);

          if (!g_file_set_contents (path, contents, len, NULL))
            return 1;
          g_ptr_array_add (paths, path);
          g_ptr_array_add (uris, g_filename_to_uri (path, NULL, NULL));
        }
      av_first = describe_av (g_ptr_array_index (paths, 0));
      time_av (paths);   /* warm up: the first open loads the demuxers */
      time_gst (discoverer, uris, &gst_first);
      t_av = time_av (paths);
      t_gst = time_gst (discoverer, uris, NULL);
      printf ("%s  libavformat %8.0f files/s   discoverer %8.0f files/s   discoverer is %.1fx slower\n",
              kinds[k], n / t_av, n / t_gst, t_gst / t_av);
      printf ("     libavformat found %s\n     discoverer  found %s\n", av_first, gst_first ? gst_first : "nothing");
      if (gst_first == NULL)
        status = 1;
    }

  g_object_unref (discoverer);
  remove_tree (dir);
  return status;
}
