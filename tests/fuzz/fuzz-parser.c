/* fuzz-parser.c — libFuzzer target for the release / file-name parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-parser.h"
#include "mml-subtitle-name.h"
#include "mml-subtitle-text.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  MmlParseResult r;
  MmlSubtitleName s;
  GString *json = g_string_sized_new (512);
  const char *p = (const char *) data;
  char *nul;
  size_t half = size / 2;

  mml_parse_name (p, (gssize) size, MML_PARSE_FLAGS_NONE, &r);
  mml_parse_result_to_json (&r, json);
  g_assert (g_utf8_validate (json->str, json->len, NULL));

  g_string_truncate (json, 0);
  mml_parse_path (p, (gssize) size, MML_PARSE_PREFER_ABSOLUTE | MML_PARSE_PREFER_DAILY, &r);
  mml_parse_result_to_json (&r, json);
  g_assert (g_utf8_validate (json->str, json->len, NULL));

  mml_subtitle_name_parse (p, (gssize) half, p + half, (gssize) (size - half), &s);

  /* the NUL-terminated entry points */
  nul = g_strndup (p, size);
  mml_parse_name (nul, -1, MML_PARSE_FLAGS_NONE, &r);
  mml_parse_path (nul, -1, MML_PARSE_FLAGS_NONE, &r);
  mml_is_video_ext (nul);
  mml_is_subtitle_ext (nul);
  mml_is_ignored_name (nul);
  mml_subtitle_name_parse (nul, -1, nul, -1, &s);
  g_free (nul);

  /* subtitle text: encodings, the script guess, the RTL fixer */
  {
    const char *enc = mml_subtitle_detect_encoding (data, size, NULL, NULL);
    char *utf8 = enc ? mml_subtitle_text_to_utf8 (data, size, enc, NULL, NULL) : NULL;

    if (utf8 != NULL)
      {
        char *fixed = mml_subtitle_fix_rtl_text (utf8);

        mml_subtitle_guess_language (utf8, -1);
        g_free (fixed);
        g_free (utf8);
      }
  }

  g_string_free (json, TRUE);
  return 0;
}
