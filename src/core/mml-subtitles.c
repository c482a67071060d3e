/* mml-subtitles.c — the subtitle status of a series and the preferred
 * languages (the rule is in mml-subtitles.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include <string.h>

#include "mml-language.h"
#include "mml-subtitles.h"

static const char * const status_names[] = {
  [MML_SUBTITLE_STATUS_NONE]  = "none",
  [MML_SUBTITLE_STATUS_MIXED] = "mixed",
  [MML_SUBTITLE_STATUS_WITH]  = "with",
};

/**
 * mml_subtitle_status_from_counts:
 * @episodes: episodes of the series with a file on disk
 * @subbed: how many of them are subbed
 */
MmlSubtitleStatus
mml_subtitle_status_from_counts (guint episodes,
                                 guint subbed)
{
  if (episodes == 0 || subbed == 0)
    return MML_SUBTITLE_STATUS_NONE;
  if (subbed >= episodes)
    return MML_SUBTITLE_STATUS_WITH;
  return MML_SUBTITLE_STATUS_MIXED;
}

const char *
mml_subtitle_status_to_string (MmlSubtitleStatus status)
{
  g_return_val_if_fail (status <= MML_SUBTITLE_STATUS_WITH, NULL);

  return status_names[status];
}

gboolean
mml_subtitle_status_from_string (const char        *str,
                                 MmlSubtitleStatus *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (str, status_names[i]))
      {
        *status = (MmlSubtitleStatus) i;
        return TRUE;
      }
  return FALSE;
}

/* For badges and filters: what the status says to a user. */
const char *
mml_subtitle_status_get_label (MmlSubtitleStatus status)
{
  switch (status)
    {
    case MML_SUBTITLE_STATUS_WITH:
      return _("With subtitles");
    case MML_SUBTITLE_STATUS_MIXED:
      return _("Some subtitles");
    case MML_SUBTITLE_STATUS_NONE:
    default:
      return _("No subtitles");
    }
}

gboolean
mml_subtitle_override_parse (const char        *str,
                             gboolean          *has_override,
                             MmlSubtitleStatus *status)
{
  if (g_strcmp0 (str, "auto") == 0)
    {
      *has_override = FALSE;
      *status = MML_SUBTITLE_STATUS_NONE;
      return TRUE;
    }
  if (!mml_subtitle_status_from_string (str, status))
    return FALSE;
  *has_override = TRUE;
  return TRUE;
}

char *
mml_subtitle_languages_normalise (const char * const  *words,
                                  GError             **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  GString *out;

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      const char *code = mml_language_normalise (words[i], -1);
      gboolean seen = FALSE;

      if (code == NULL)
        {
          g_autofree char *shown = g_utf8_make_valid (words[i], -1);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a language code or name"), shown);
          return NULL;
        }
      for (guint j = 0; j < codes->len; j++)
        seen |= g_str_equal (codes->pdata[j], code);
      if (!seen)
        g_ptr_array_add (codes, (gpointer) code);
    }

  if (codes->len > MML_SUBTITLE_MAX_LANGUAGES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE, "At most %d language can be preferred",
                                "At most %d languages can be preferred",
                                MML_SUBTITLE_MAX_LANGUAGES),
                   MML_SUBTITLE_MAX_LANGUAGES);
      return NULL;
    }

  out = g_string_new (NULL);
  for (guint j = 0; j < codes->len; j++)
    {
      if (j)
        g_string_append_c (out, ' ');
      g_string_append (out, codes->pdata[j]);
    }
  return g_string_free (out, FALSE);
}

char *
mml_subtitle_default_languages (void)
{
  const char * const *names = g_get_language_names ();
  const char *words[3] = { NULL, NULL, NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      char lang[4] = { 0 };
      gsize n = strcspn (names[i], "_.@");

      /* "he_IL.UTF-8" → "he"; "C" and "POSIX" name no language */
      if (n < 2 || n > 3 || g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX"))
        continue;
      memcpy (lang, names[i], n);
      if ((words[0] = mml_language_normalise (lang, -1)) != NULL)
        break;
    }
  if (words[0] == NULL || g_str_equal (words[0], "en"))
    words[0] = "en";
  else
    words[1] = "en";

  return mml_subtitle_languages_normalise (words, NULL);
}
