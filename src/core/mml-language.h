/* mml-language.h — language codes and names: ISO 639-1, 639-2/B and /T,
 * English and native names, to one canonical code
 *
 * Canonical codes are lower case: the ISO 639-1 code where the language has
 * one ("he", "en"), else its ISO 639-2/B code ("fil", "ast"), and a few
 * regional variants that subtitles keep apart, written "base-region" in lower
 * case: "pt-br", "es-419", "fr-ca", "nl-be", "zh-cn" (simplified), "zh-tw"
 * (traditional).  Other regional tags fold into their language ("en-US" and
 * "he-IL" are "en" and "he", "pt-PT" is "pt"; "es-MX", "es-AR" … are "es-419").
 *
 * Every function here reads static tables only: no allocation, thread-safe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest canonical code, with its NUL */
#define MML_LANGUAGE_CODE_MAX 8

/*
 * The canonical code of a language word, or NULL when it names no language
 * the table knows.  Case-insensitive (also for native names: "עברית",
 * "Français", "DEUTSCH", "Русский").  Accepts ISO 639-1 ("he"), 639-2/B
 * ("heb", "fre", "ger", "chi"), 639-2/T ("fra", "deu", "zho"), the withdrawn
 * "iw", English names ("hebrew", "brazilian"), native names, and a few
 * customary ones ("pob", "pt-BR", "pt_br", "es-419", "lat"/"latino" for
 * Latin-American Spanish — never Latin —, "chs", "cht", "jp", "cz", "gr").
 * "hi" is Hindi here: whether a sidecar's ".hi" means Hindi or
 * hearing-impaired is mml_subtitle_name_parse()'s business.
 * len < 0: word is NUL-terminated.
 */
const char *mml_language_normalise       (const char *word,
                                          gssize      len);

/* ISO 639-2/B code of a language ("he" → "heb", "fr" → "fre", "de" → "ger",
 * "pt-br" → "por"); any word mml_language_normalise() knows is accepted.
 * NULL when unknown. */
const char *mml_language_to_iso639_2b    (const char *code);

/* ISO 639-2/T code ("fr" → "fra", "de" → "deu"); NULL when unknown. */
const char *mml_language_to_iso639_2t    (const char *code);

/* ISO 639-1 code ("heb" → "he", "pt-br" → "pt"); NULL when unknown or when
 * the language has none ("fil", "ast"). */
const char *mml_language_to_iso639_1     (const char *code);

/* English name, untranslated ("he" → "Hebrew", "pt-br" → "Portuguese
 * (Brazil)"); the names are marked with N_() in mml-language.c.  NULL when
 * unknown. */
const char *mml_language_get_name        (const char *code);

/* The name translated into the user's language (g_dgettext of the above). */
const char *mml_language_get_display_name (const char *code);

/* The language's name for itself ("he" → "עברית"); NULL when unknown. */
const char *mml_language_get_native_name (const char *code);

/* The canonical codes, in strcmp order, for lists and tests: n from 0 to
 * mml_language_get_count () - 1. */
guint       mml_language_get_count       (void);
const char *mml_language_get_nth         (guint       n);

/* For the tests: whether the look-up tables are sorted and consistent. */
gboolean    mml_language_tables_valid    (void);

G_END_DECLS
