/* mml-subtitle-text.h — a subtitle file's text: its encoding, its script,
 * and punctuation that legacy right-to-left files store at the wrong end
 *
 * Pure functions of their arguments: no I/O, no state, thread-safe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The character set data is written in, as a name g_convert() takes, or
 * NULL when it is no text in any charset tried (binary data, or nothing
 * scores well enough).  *out_confidence (nullable) gets 0 … 1.
 *
 *  1. A byte-order mark: "UTF-8" (EF BB BF; the name is plain "UTF-8": the
 *     BOM is recognised again, and dropped, by mml_subtitle_text_to_utf8()),
 *     "UTF-32LE", "UTF-32BE", "UTF-16LE", "UTF-16BE".  Confidence 1.
 *  2. UTF-16 without a BOM, when many high bytes are NUL and low bytes
 *     never are, and it decodes.
 *  3. More than 2 % C0 control bytes (other than tab, CR, LF, FF, VT, ^Z):
 *     binary, NULL.
 *  4. Valid UTF-8 (ASCII included; a sequence cut by the end of the data is
 *     forgiven): "UTF-8".
 *  5. Legacy code pages, each decoded strictly (a byte the page leaves
 *     undefined rules it out) and the text scored for the script the page
 *     is for: letters of that script in words of one script count for it;
 *     words mixing scripts, letters of other scripts, control and C1
 *     characters, stray symbols and box drawing, marks on nothing, capitals
 *     after small letters inside a word ("пРИВЕТ", KOI8-R read as
 *     windows-1251), Cyrillic or Greek text where the commonest letters of
 *     those languages (о е а и н т с, α ο ι ε τ σ ν η) are rare (Hebrew read
 *     as windows-1251, KOI8-R or windows-1253), and Latin text whose
 *     letters are mostly non-ASCII (Greek read as windows-1252) count
 *     against it; with a Latin-script language known, so do letters its
 *     alphabet lacks (ą in Czech: ISO-8859-2 read as windows-1250); with
 *     none known, so do ð þ ý read as windows-1252 (Turkish bytes).  The
 *     best page wins (confidence: the share of evidence for it); ties go
 *     to the first tried.  expected_language (any word mml_language_normalise()
 *     knows; nullable) picks the pages tried first:
 *       he yi: windows-1255, ISO-8859-8    ar fa ur: windows-1256, ISO-8859-6
 *       ru uk be bg sr mk kk mn: windows-1251, KOI8-R / KOI8-U, ISO-8859-5
 *       el: windows-1253, ISO-8859-7       tr az: windows-1254, ISO-8859-9
 *       cs sk pl hu sl hr bs ro sq: windows-1250, ISO-8859-2
 *       et lv lt: windows-1257, ISO-8859-13   vi: windows-1258   th: windows-874
 *       ja: CP932, EUC-JP   zh: GB18030, BIG5 (zh-tw: BIG5 first)   ko: CP949
 *       any other language: windows-1252, ISO-8859-15
 *     and when none of those scores 0.8, or the language is unknown, the
 *     common single-byte pages are tried as well (windows-1252, -1250, -1251,
 *     KOI8-R, -1253, -1254, -1255, -1256, -1257; never the CJK ones).
 *
 * Limits: without a language, Central European text (windows-1250) can
 * decode to plausible letters of another page and be reported as
 * windows-1252 or windows-1254 (Czech is); pass the language;
 * ISO-8859-8 text is reported as windows-1255, which decodes it to the same
 * letters; a handful of non-ASCII bytes gives little to score (the
 * confidence says so).  Cost: each page tried decodes the whole data once.
 */
const char *mml_subtitle_detect_encoding     (const guint8 *data,
                                              gsize         len,
                                              const char   *expected_language,
                                              double       *out_confidence);

/*
 * data converted from encoding to UTF-8, newly allocated and NUL-terminated
 * (*out_len, nullable, gets its length).  A byte-order mark matching the
 * encoding is dropped; nothing else is changed (line endings are kept).  A
 * UTF-8 sequence cut by the end of the data is dropped.  NULL and a
 * G_CONVERT_ERROR when the data is not valid in that encoding.
 */
char       *mml_subtitle_text_to_utf8        (const guint8 *data,
                                              gsize         len,
                                              const char   *encoding,
                                              gsize        *out_len,
                                              GError      **error);

/*
 * The language a subtitle's dialogue is written in, from its script: SRT
 * index and timing lines, WebVTT headers, ASS sections and fields, and tags
 * ("<i>", "{\an8}") are skipped.  At least 20 letters
 * and one script holding 60 % of them are needed, else "und".
 *   Hebrew → "he"; Arabic → "ar" ("fa" with Persian letters پ چ ژ گ, "ur"
 *   with Urdu ones ٹ ڈ ڑ ں ے); Greek → "el"; Thai → "th"; Hangul → "ko";
 *   kana → "ja"; Han alone → "zh";
 *   Cyrillic → by letters only one language has (ў "be", ї є ґ і "uk",
 *   ѓ ќ ѕ "mk", ђ ћ ј љ њ џ "sr"), else by stop words (Russian: ы э and
 *   что/это/не/как…; Bulgarian: какво/това/съм/ще…), else "und";
 *   Latin → "en" only when English stop words make a fifth of the words and
 *   outnumber other languages' twice over, else "und".
 * Returns a static string.
 */
const char *mml_subtitle_guess_language     (const char   *utf8,
                                              gssize        len);

/*
 * One subtitle line stored in "visual" order by tools for players without
 * bidi support, fixed: when the line's first strong letter is Hebrew or
 * Arabic, the text (inside any leading and trailing tags such as "<i>",
 * "</i>", "{\an8}" and direction marks) starts with a run of punctuation
 * (. , ! ? : ; … " ' ” ’ » ״ ׳ ، ؛ ؟) and does not already end with one,
 * the run moves to the logical end: ".שלום" → "שלום.", "?מה" → "מה?",
 * "...אז" → "אז...", "<i>!לא</i>" → "<i>לא!</i>".  A leading dialogue dash
 * stays first ("- ?מה" → "- מה?"), and a dash stored at the end
 * ("?מה -") comes to the front ("- מה?").
 * Lines already right, LTR lines and lines that both start and end with
 * punctuation ("...אז מה?") come back unchanged, so the fix is idempotent.
 * Limits: a correct line that legitimately begins with punctuation and
 * ends in a letter (a continuation "...ואז") is moved too; numbers and
 * brackets stored visually are left as they are.  Newly allocated.
 */
char       *mml_subtitle_fix_rtl_punctuation (const char   *utf8_line);

/* mml_subtitle_fix_rtl_punctuation() on every dialogue line of an SRT (or
 * WebVTT) text: index lines, timing lines and blank lines are copied as
 * they are, and so are the line endings ("\n" or "\r\n"). */
char       *mml_subtitle_fix_rtl_text        (const char   *srt_utf8);

G_END_DECLS
