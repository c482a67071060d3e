/* mml-subtitle-name.c — reading and writing sidecar subtitle names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mml-language.h"
#include "mml-subtitle-name.h"

static const char *const subtitle_exts[] = {
  "ass", "idx", "smi", "srt", "ssa", "sub", "sup", "vtt",
};

/* What the suffixes said so far */
typedef struct
{
  const char *language;        /* canonical, last named; NULL: none */
  guint       n_hi;            /* bare "hi" tokens */
  gboolean    other_hi;        /* sdh, cc, hoh, impaired */
  gboolean    forced;
  gboolean    is_default;
  int         index;
  gboolean    prev_ends_digit;
} NameState;

static gboolean
word_is (const char *tok,
         gsize       len,
         const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (tok, word, len) == 0;
}

static gboolean
is_separator (char c)
{
  return c == '.' || c == ' ' || c == '[' || c == ']' || c == '(' || c == ')'
         || c == '{' || c == '}' || c == ',' || c == '+';
}

typedef enum
{
  FLAG_NONE,
  FLAG_FORCED,
  FLAG_SDH,
  FLAG_HI,
  FLAG_DEFAULT,
} FlagKind;

static FlagKind
flag_kind (const char *tok,
           gsize       len)
{
  if (word_is (tok, len, "forced") || word_is (tok, len, "force") || word_is (tok, len, "foreign"))
    return FLAG_FORCED;
  if (word_is (tok, len, "sdh") || word_is (tok, len, "cc") || word_is (tok, len, "hoh")
      || word_is (tok, len, "impaired") || word_is (tok, len, "hearingimpaired"))
    return FLAG_SDH;
  if (word_is (tok, len, "hi"))
    return FLAG_HI;
  if (word_is (tok, len, "default"))
    return FLAG_DEFAULT;
  return FLAG_NONE;
}

/* Flags: TRUE when tok is one (and st records it). */
static gboolean
read_flag (const char *tok,
           gsize       len,
           NameState  *st)
{
  switch (flag_kind (tok, len))
    {
    case FLAG_FORCED:
      st->forced = TRUE;
      return TRUE;
    case FLAG_SDH:
      st->other_hi = TRUE;
      return TRUE;
    case FLAG_HI:
      st->n_hi++;
      return TRUE;
    case FLAG_DEFAULT:
      st->is_default = TRUE;
      return TRUE;
    case FLAG_NONE:
    default:
      return FALSE;
    }
}

static void
read_token (const char *tok,
            gsize       len,
            NameState  *st)
{
  const char *code;
  gsize i, start;
  gboolean digits = TRUE;

  if (len == 0)
    return;
  for (i = 0; i < len; i++)
    if (!g_ascii_isdigit (tok[i]))
      digits = FALSE;
  if (digits)
    {
      if (len <= 2 && !st->prev_ends_digit && st->index < 0)
        st->index = len == 1 ? tok[0] - '0' : (tok[0] - '0') * 10 + (tok[1] - '0');
      return;
    }
  if (read_flag (tok, len, st))
    return;
  if (memchr (tok, '-', len) == NULL && memchr (tok, '_', len) == NULL)
    {
      code = mml_language_normalise (tok, len);
      if (code != NULL)
        st->language = code;
      return;
    }

  /* "pt-BR", "pt_BR", "eng-forced", "en_sdh", "es-MX-cc", "WEB-DL": a
   * language and its region, else each part on its own */
  start = 0;
  while (start < len)
    {
      gsize end = start, end2;

      while (end < len && tok[end] != '-' && tok[end] != '_')
        end++;
      if (end < len && end > start)
        {
          end2 = end + 1;
          while (end2 < len && tok[end2] != '-' && tok[end2] != '_')
            end2++;
          if (end2 > end + 1 && flag_kind (tok + end + 1, end2 - end - 1) == FLAG_NONE)
            {
              code = mml_language_normalise (tok + start, end2 - start);
              if (code != NULL)
                {
                  st->language = code;
                  st->prev_ends_digit = FALSE;
                  start = end2 + 1;
                  continue;
                }
            }
        }
      if (end > start)
        {
          /* "x264-2" is no index, "2_English" is */
          read_token (tok + start, end - start, st);
          st->prev_ends_digit = g_ascii_isdigit (tok[end - 1]);
        }
      start = end + 1;
    }
}

static gboolean
is_subtitle_ext (const char *ext,
                 gsize       len,
                 char       *lower)
{
  gsize i;

  if (len != 3)
    return FALSE;
  for (i = 0; i < len; i++)
    lower[i] = g_ascii_tolower (ext[i]);
  lower[len] = '\0';
  for (i = 0; i < G_N_ELEMENTS (subtitle_exts); i++)
    if (strcmp (lower, subtitle_exts[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
mml_subtitle_name_parse (const char      *video_stem,
                         gssize           stem_len,
                         const char      *sub_name,
                         gssize           sub_len,
                         MmlSubtitleName *out)
{
  NameState st = { NULL, 0, FALSE, FALSE, FALSE, -1, FALSE };
  gsize vlen, slen, i, base, ext_at, pos;

  g_return_val_if_fail (out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  out->index = -1;
  if (sub_name == NULL)
    return FALSE;
  vlen = video_stem == NULL ? 0 : stem_len < 0 ? strlen (video_stem) : (gsize) stem_len;
  slen = sub_len < 0 ? strlen (sub_name) : (gsize) sub_len;

  /* the last component */
  base = 0;
  for (i = slen; i > 0; i--)
    {
      if (sub_name[i - 1] == '/')
        {
          base = i;
          break;
        }
    }

  /* the extension */
  ext_at = slen;
  for (i = slen; i > base; i--)
    {
      if (sub_name[i - 1] == '.')
        {
          ext_at = i - 1;
          break;
        }
    }
  if (ext_at == slen || !is_subtitle_ext (sub_name + ext_at + 1, slen - ext_at - 1, out->extension))
    {
      out->extension[0] = '\0';
      return FALSE;
    }

  /* the video's stem, then a separator */
  if (vlen > 0)
    {
      char next;

      if (vlen > ext_at - base || g_ascii_strncasecmp (video_stem, sub_name + base, vlen) != 0)
        return FALSE;
      next = sub_name[base + vlen];
      if (base + vlen < ext_at && next != '.' && next != '_' && next != '-' && next != ' '
          && next != '(' && next != '[')
        return FALSE;
    }

  pos = base + vlen;
  while (pos < ext_at)
    {
      gsize s;

      while (pos < ext_at && is_separator (sub_name[pos]))
        pos++;
      s = pos;
      while (pos < ext_at && !is_separator (sub_name[pos]))
        pos++;
      if (pos > s)
        {
          read_token (sub_name + s, pos - s, &st);
          st.prev_ends_digit = g_ascii_isdigit (sub_name[pos - 1]);
        }
    }

  /* a bare "hi" is hearing-impaired; Hindi only beside a second HI marker
   * and no other language */
  if (st.n_hi > 0 && st.language == NULL && (st.other_hi || st.n_hi >= 2))
    st.language = "hi";
  out->hearing_impaired = st.n_hi > 0 || st.other_hi;
  out->forced = st.forced;
  out->is_default = st.is_default;
  out->index = st.index;
  if (st.language != NULL)
    g_strlcpy (out->language, st.language, sizeof out->language);
  return TRUE;
}

char *
mml_subtitle_name_build (const char           *video_stem,
                         const char           *language,
                         gboolean              forced,
                         gboolean              hearing_impaired,
                         MmlSubtitleCodeStyle  style,
                         const char           *ext)
{
  GString *name;
  const char *code = NULL;
  char tag[MML_LANGUAGE_CODE_MAX + 4];

  g_return_val_if_fail (video_stem != NULL, NULL);
  g_return_val_if_fail (ext != NULL, NULL);

  if (language != NULL && language[0] != '\0')
    {
      const char *canon = mml_language_normalise (language, -1);
      const char *dash;

      if (canon == NULL)
        return NULL;
      dash = strchr (canon, '-');
      if (dash != NULL)
        {
          /* "pt-br" → "pt-BR", "es-419" */
          g_strlcpy (tag, canon, sizeof tag);
          for (char *p = tag + (dash - canon) + 1; *p != '\0'; p++)
            *p = g_ascii_toupper (*p);
          code = tag;
        }
      else if (strcmp (canon, "hi") == 0)
        code = "hin";
      else if (style == MML_SUBTITLE_CODE_ISO639_1 && mml_language_to_iso639_1 (canon) != NULL)
        code = mml_language_to_iso639_1 (canon);
      else
        code = mml_language_to_iso639_2b (canon);
      if (code == NULL)
        return NULL;
    }

  if (ext[0] == '.')
    ext++;
  name = g_string_new (video_stem);
  if (code != NULL)
    g_string_append_printf (name, ".%s", code);
  if (forced)
    g_string_append (name, ".forced");
  if (hearing_impaired)
    g_string_append (name, ".sdh");
  g_string_append_c (name, '.');
  for (; *ext != '\0'; ext++)
    g_string_append_c (name, g_ascii_tolower (*ext));
  return g_string_free (name, FALSE);
}
