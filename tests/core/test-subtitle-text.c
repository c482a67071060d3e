/* test-subtitle-text.c — subtitle text: encodings detected on samples
 * encoded here (windows-1255, ISO-8859-8, UTF-16 with and without a BOM,
 * UTF-8 with a BOM, windows-1256, windows-1251, KOI8-R, windows-1252 …) and
 * read back unchanged, random bytes refused, the script guess, and the
 * right-to-left punctuation repair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mml-subtitle-text.h"

#define SRT(a, b, c) "1\r\n00:00:01,000 --> 00:00:03,500\r\n" a "\r\n\r\n" \
                     "2\r\n00:00:04,000 --> 00:00:06,200\r\n" b "\r\n\r\n" \
                     "3\r\n00:00:07,000 --> 00:00:09,800\r\n" c "\r\n"

static const char hebrew[] =
  SRT ("שלום, מה שלומך היום?",
       "אני בסדר, תודה רבה. ואתה?",
       "- אנחנו צריכים לדבר על מה שקרה אתמול.\r\n- לא עכשיו, בבקשה. אני עייף מאוד.");
static const char hebrew_mixed[] =
  SRT ("זה הסרט החדש של Netflix, נכון?",
       "OK, אני מבין. נדבר מחר.",
       "<i>ניפגש ב-10:30 ליד ה-Starbucks</i>\r\n{\\an8}- מה? אתה רציני?");
static const char arabic[] =
  SRT ("مرحبا، كيف حالك اليوم؟",
       "أنا بخير، شكرا جزيلا. وأنت؟",
       "يجب أن نتحدث عما حدث أمس.\r\nليس الآن، من فضلك. أنا متعب جدا.");
static const char russian[] =
  SRT ("Привет, как дела сегодня?",
       "Всё хорошо, спасибо. А ты?",
       "Нам нужно поговорить о том, что случилось вчера.\r\nНе сейчас, пожалуйста. Я очень устал.");
static const char ukrainian[] =
  SRT ("Привіт, як твої справи сьогодні?",
       "Усе добре, дякую. А в тебе?",
       "Нам треба поговорити про те, що сталося вчора.\r\nНе зараз, будь ласка. Я дуже втомився.");
static const char french[] =
  SRT ("Bonjour, comment ça va aujourd'hui ?",
       "Très bien, merci beaucoup. Et toi ?",
       "Il faut qu'on parle de ce qui s'est passé hier soir.\r\nPas maintenant, s'il te plaît. Je suis fatigué.");
static const char german[] =
  SRT ("Guten Morgen! Wie geht es dir heute?",
       "Mir geht's gut, danke. Hast du schon gefrühstückt?",
       "Wir müssen über das reden, was gestern passiert ist.\r\nNicht jetzt, bitte. Ich bin müde und möchte schlafen.");
static const char greek[] =
  SRT ("Γεια σου, τι κάνεις σήμερα;",
       "Είμαι καλά, ευχαριστώ πολύ. Εσύ;",
       "Πρέπει να μιλήσουμε για αυτό που έγινε χθες.\r\nΌχι τώρα, σε παρακαλώ. Είμαι πολύ κουρασμένος.");
static const char turkish[] =
  SRT ("Merhaba, bugün nasılsın?",
       "İyiyim, çok teşekkür ederim. Ya sen?",
       "Dün gece olanlar hakkında konuşmamız gerekiyor.\r\nŞimdi değil, lütfen. Çok yorgunum.");
static const char czech[] =
  SRT ("Dobrý den, jak se dnes máte?",
       "Děkuji, mám se dobře. A vy?",
       "Musíme si promluvit o tom, co se včera stalo.\r\nTeď ne, prosím. Jsem příliš unavený.");
static const char polish[] =
  SRT ("Dzień dobry, jak się dzisiaj czujesz?",
       "Dziękuję, wszystko w porządku. A ty?",
       "Musimy porozmawiać o tym, co się wczoraj stało.\r\nNie teraz, proszę. Jestem bardzo zmęczony.");
static const char japanese[] =
  SRT ("こんにちは、今日の調子はどうですか？",
       "元気です、ありがとうございます。あなたは？",
       "昨日起きたことについて話さなければなりません。");
static const char english[] =
  SRT ("I don't know what you're talking about.",
       "We have to go now, it's getting late.",
       "Where is he? I told him to wait here.\r\nOkay, let's go. You know the way.");

typedef struct
{
  const char *name;
  const char *text;
  const char *encoding;     /* what the sample is written in */
  const char *language;     /* given to the detector; NULL: none */
  gboolean    must;         /* must decode to the text (else only reported) */
} Sample;

static const Sample samples[] = {
  { "hebrew", hebrew, "windows-1255", "he", TRUE },
  { "hebrew", hebrew, "windows-1255", NULL, TRUE },
  { "hebrew", hebrew, "ISO-8859-8", "he", TRUE },
  { "hebrew", hebrew, "ISO-8859-8", NULL, TRUE },
  { "hebrew", hebrew, "UTF-8", "he", TRUE },
  { "hebrew", hebrew, "UTF-8-BOM", NULL, TRUE },
  { "hebrew", hebrew, "UTF-16LE-BOM", NULL, TRUE },
  { "hebrew", hebrew, "UTF-16BE-BOM", NULL, TRUE },
  { "hebrew", hebrew, "UTF-16LE", "he", TRUE },
  { "heb+latin", hebrew_mixed, "windows-1255", "he", TRUE },
  { "heb+latin", hebrew_mixed, "windows-1255", NULL, TRUE },
  { "heb+latin", hebrew_mixed, "ISO-8859-8", NULL, TRUE },
  { "arabic", arabic, "windows-1256", "ar", TRUE },
  { "arabic", arabic, "windows-1256", NULL, TRUE },
  { "arabic", arabic, "ISO-8859-6", "ar", TRUE },
  { "russian", russian, "windows-1251", "ru", TRUE },
  { "russian", russian, "windows-1251", NULL, TRUE },
  { "russian", russian, "KOI8-R", "ru", TRUE },
  { "russian", russian, "KOI8-R", NULL, TRUE },
  { "russian", russian, "ISO-8859-5", "ru", TRUE },
  { "ukrainian", ukrainian, "windows-1251", "uk", TRUE },
  { "ukrainian", ukrainian, "KOI8-U", "uk", TRUE },
  { "french", french, "windows-1252", "fr", TRUE },
  { "french", french, "windows-1252", NULL, TRUE },
  { "french", french, "ISO-8859-15", "fr", TRUE },
  { "french", french, "windows-1252", "he", TRUE },   /* mislabelled: falls back */
  { "german", german, "windows-1252", "de", TRUE },
  { "german", german, "windows-1252", NULL, TRUE },
  { "greek", greek, "windows-1253", "el", TRUE },
  { "greek", greek, "windows-1253", NULL, TRUE },
  { "greek", greek, "ISO-8859-7", "el", TRUE },
  { "turkish", turkish, "windows-1254", "tr", TRUE },
  { "turkish", turkish, "windows-1254", NULL, TRUE },
  { "czech", czech, "windows-1250", "cs", TRUE },
  { "czech", czech, "ISO-8859-2", "cs", TRUE },
  { "czech", czech, "windows-1250", NULL, FALSE },
  { "polish", polish, "windows-1250", "pl", TRUE },
  { "polish", polish, "windows-1250", NULL, FALSE },
  { "japanese", japanese, "CP932", "ja", TRUE },
  { "japanese", japanese, "EUC-JP", "ja", TRUE },
  { "english", english, "windows-1252", NULL, TRUE },
};

static guint8 *
encode (const char *text,
        const char *encoding,
        gsize      *len)
{
  g_autoptr(GError) error = NULL;
  const char *to = encoding;
  const char *bom = NULL;
  gsize bom_len = 0, n = 0;
  char *body;
  guint8 *out;

  if (strcmp (encoding, "UTF-8-BOM") == 0)
    to = "UTF-8", bom = "\xef\xbb\xbf", bom_len = 3;
  else if (strcmp (encoding, "UTF-16LE-BOM") == 0)
    to = "UTF-16LE", bom = "\xff\xfe", bom_len = 2;
  else if (strcmp (encoding, "UTF-16BE-BOM") == 0)
    to = "UTF-16BE", bom = "\xfe\xff", bom_len = 2;
  body = g_convert (text, -1, to, "UTF-8", NULL, &n, &error);
  g_assert_no_error (error);
  out = g_malloc (bom_len + n);
  if (bom_len > 0)
    memcpy (out, bom, bom_len);
  memcpy (out + bom_len, body, n);
  g_free (body);
  *len = bom_len + n;
  return out;
}

static void
test_detect (void)
{
  gsize i;
  guint ok = 0;

  for (i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      const Sample *s = &samples[i];
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *data = NULL;
      g_autofree char *back = NULL;
      const char *got;
      double conf = -1;
      gsize len, back_len = 0;
      gboolean same;

      data = encode (s->text, s->encoding, &len);
      got = mml_subtitle_detect_encoding (data, len, s->language, &conf);
      if (got != NULL)
        back = mml_subtitle_text_to_utf8 (data, len, got, &back_len, &error);
      same = back != NULL && back_len == strlen (s->text) && strcmp (back, s->text) == 0;
      ok += same;
      g_printerr ("  %-9s %-13s lang %-4s -> %-13s %.2f %s\n", s->name, s->encoding,
                  s->language ? s->language : "-", got ? got : "NULL", conf,
                  same ? "ok" : s->must ? "WRONG" : "wrong (documented limit)");
      if (s->must)
        {
          g_assert_nonnull (got);
          g_assert_no_error (error);
          g_assert_true (same);
          g_assert_cmpfloat (conf, >=, 0.5);
        }
    }
  g_printerr ("  %u/%" G_GSIZE_FORMAT " samples read back unchanged\n", ok, G_N_ELEMENTS (samples));
}

static void
test_exact_names (void)
{
  gsize len;
  g_autofree guint8 *a = encode (hebrew, "windows-1255", &len);
  g_autofree guint8 *b = NULL, *c = NULL, *d = NULL, *e = NULL;
  double conf;

  g_assert_cmpstr (mml_subtitle_detect_encoding (a, len, "heb", &conf), ==, "windows-1255");
  g_assert_cmpfloat (conf, >=, 0.9);
  b = encode (hebrew, "UTF-16LE-BOM", &len);
  g_assert_cmpstr (mml_subtitle_detect_encoding (b, len, NULL, NULL), ==, "UTF-16LE");
  c = encode (hebrew, "UTF-8-BOM", &len);
  g_assert_cmpstr (mml_subtitle_detect_encoding (c, len, NULL, NULL), ==, "UTF-8");
  d = encode (russian, "KOI8-R", &len);
  g_assert_cmpstr (mml_subtitle_detect_encoding (d, len, NULL, NULL), ==, "KOI8-R");
  e = encode (russian, "windows-1251", &len);
  g_assert_cmpstr (mml_subtitle_detect_encoding (e, len, NULL, NULL), ==, "windows-1251");
  g_assert_cmpstr (mml_subtitle_detect_encoding ((const guint8 *) "", 0, NULL, &conf), ==, "UTF-8");
}

static void
test_to_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  gsize len = 0;

  /* the BOM goes, CRLF stays */
  a = mml_subtitle_text_to_utf8 ((const guint8 *) "\xef\xbb\xbfhi\r\n", 7, "UTF-8", &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "hi\r\n");
  g_assert_cmpuint (len, ==, 4);
  /* a cut sequence at the end is dropped */
  b = mml_subtitle_text_to_utf8 ((const guint8 *) "ab\xd7", 3, "UTF-8", &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, "ab");
  c = mml_subtitle_text_to_utf8 ((const guint8 *) "a\xff" "b", 3, "UTF-8", NULL, &error);
  g_assert_null (c);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_clear_error (&error);
  /* 0xFF is undefined in windows-1255 */
  g_assert_null (mml_subtitle_text_to_utf8 ((const guint8 *) "\xe0\xff", 2, "windows-1255", NULL, &error));
  g_assert_nonnull (error);
}

static void
test_binary (void)
{
  guint seed, refused = 0;

  for (seed = 1; seed <= 50; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      guint8 data[4096];
      double conf = 1;
      const char *got;
      gsize i;

      for (i = 0; i < sizeof data; i++)
        data[i] = (guint8) g_rand_int_range (rand, 0, 256);
      got = mml_subtitle_detect_encoding (data, sizeof data, NULL, &conf);
      if (got != NULL)
        g_assert_cmpfloat (conf, <, 0.5);
      else
        refused++;
      /* only high bytes: no control characters to give it away */
      for (i = 0; i < sizeof data; i++)
        data[i] = (guint8) g_rand_int_range (rand, 0x80, 256);
      got = mml_subtitle_detect_encoding (data, sizeof data, seed % 2 ? "he" : NULL, &conf);
      if (got != NULL)
        g_error ("random high bytes read as %s (%.2f)", got, conf);
      else
        refused++;
    }
  g_assert_cmpuint (refused, ==, 100);
}

static void
test_guess_language (void)
{
  static const char ass[] =
    "[Script Info]\nTitle: Hebrew subtitles\nScriptType: v4.00+\n\n[Events]\n"
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    "Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\an8}I don't know what you're talking about.\n"
    "Dialogue: 0,0:00:04.00,0:00:06.00,Default,,0,0,0,,We have to go now, it's late.\\NYou know that.\n";
  static const char vtt[] =
    "WEBVTT\n\n00:01.000 --> 00:04.000\n<i>שלום לכולם, ברוכים הבאים לתוכנית</i>\n";

  g_assert_cmpstr (mml_subtitle_guess_language (hebrew, -1), ==, "he");
  g_assert_cmpstr (mml_subtitle_guess_language (arabic, -1), ==, "ar");
  g_assert_cmpstr (mml_subtitle_guess_language (russian, -1), ==, "ru");
  g_assert_cmpstr (mml_subtitle_guess_language (ukrainian, -1), ==, "uk");
  g_assert_cmpstr (mml_subtitle_guess_language (greek, -1), ==, "el");
  g_assert_cmpstr (mml_subtitle_guess_language (japanese, -1), ==, "ja");
  g_assert_cmpstr (mml_subtitle_guess_language (english, -1), ==, "en");
  g_assert_cmpstr (mml_subtitle_guess_language (ass, -1), ==, "en");
  g_assert_cmpstr (mml_subtitle_guess_language (vtt, -1), ==, "he");
  g_assert_cmpstr (mml_subtitle_guess_language (french, -1), ==, "und");
  g_assert_cmpstr (mml_subtitle_guess_language (german, -1), ==, "und");
  g_assert_cmpstr (mml_subtitle_guess_language (czech, -1), ==, "und");
  g_assert_cmpstr (mml_subtitle_guess_language ("1\n00:00:01,000 --> 00:00:02,000\nOK\n", -1), ==, "und");
  g_assert_cmpstr (mml_subtitle_guess_language ("", -1), ==, "und");
  g_assert_cmpstr (mml_subtitle_guess_language (NULL, -1), ==, "und");
  g_assert_cmpstr (mml_subtitle_guess_language (hebrew, 10), ==, "und");
  g_assert_cmpstr (mml_subtitle_guess_language ("\xff\xfe\xfd", -1), ==, "und");
}

static const struct
{
  const char *in;
  const char *out;
} rtl_lines[] = {
  { ".שלום", "שלום." },
  { "?מה", "מה?" },
  { "...אז", "אז..." },
  { "!?מה", "מה?!" },
  { ".אני בסדר, תודה", "אני בסדר, תודה." },
  { "<i>!לא</i>", "<i>לא!</i>" },
  { "{\\an8}?מה קרה", "{\\an8}מה קרה?" },
  { "- ?מה", "- מה?" },
  { "-?מה", "-מה?" },
  { "?מה -", "- מה?" },
  { "מה? -", "- מה?" },
  { "\".הוא הלך", "הוא הלך.\"" },
  { "؟ماذا", "ماذا؟" },
  { ".مرحبا", "مرحبا." },
  { "<font color=\"#ffff00\">.שלום</font>", "<font color=\"#ffff00\">שלום.</font>" },
  { "\u200f?מה", "\u200fמה?" },
  /* already right, or not RTL: unchanged */
  { "שלום.", NULL },
  { "מה?", NULL },
  { "- מה?", NULL },
  { "...אז מה?", NULL },
  { "<i>לא!</i>", NULL },
  { "Hello.", NULL },
  { "?Hello", NULL },
  { "...and then", NULL },
  { "", NULL },
  { "...", NULL },
  { "<i></i>", NULL },
  { "123", NULL },
  { "-", NULL },
  { "?", NULL },
};

static void
test_fix_rtl (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (rtl_lines); i++)
    {
      const char *want = rtl_lines[i].out ? rtl_lines[i].out : rtl_lines[i].in;
      g_autofree char *once = mml_subtitle_fix_rtl_punctuation (rtl_lines[i].in);
      g_autofree char *twice = mml_subtitle_fix_rtl_punctuation (once);

      if (strcmp (once, want) != 0)
        g_error ("“%s” fixed to “%s”, want “%s”", rtl_lines[i].in, once, want);
      g_assert_cmpstr (twice, ==, once);
    }
}

static void
test_fix_rtl_text (void)
{
  static const char in[] =
    "1\r\n00:00:01,000 --> 00:00:03,500\r\n?מה שלומך\r\n\r\n"
    "2\r\n00:00:04,000 --> 00:00:06,200\r\n- .אני בסדר\r\n- ?ואתה\r\n\r\n"
    "3\r\n00:00:07,000 --> 00:00:09,800\r\nOK.\r\n";
  static const char want[] =
    "1\r\n00:00:01,000 --> 00:00:03,500\r\nמה שלומך?\r\n\r\n"
    "2\r\n00:00:04,000 --> 00:00:06,200\r\n- אני בסדר.\r\n- ואתה?\r\n\r\n"
    "3\r\n00:00:07,000 --> 00:00:09,800\r\nOK.\r\n";
  g_autofree char *out = mml_subtitle_fix_rtl_text (in);
  g_autofree char *again = mml_subtitle_fix_rtl_text (out);
  g_autofree char *right = mml_subtitle_fix_rtl_text (hebrew);
  g_autofree char *lf = mml_subtitle_fix_rtl_text ("1\n00:00:01,000 --> 00:00:02,000\n.שלום");

  g_assert_cmpstr (out, ==, want);
  g_assert_cmpstr (again, ==, want);
  g_assert_cmpstr (right, ==, hebrew);
  g_assert_cmpstr (lf, ==, "1\n00:00:01,000 --> 00:00:02,000\nשלום.");
}

static int
cmp_unichar (gconstpointer a,
             gconstpointer b)
{
  gunichar x = *(const gunichar *) a, y = *(const gunichar *) b;

  return x < y ? -1 : x > y;
}

/* The same characters but spaces, in any order */
static gboolean
same_letters (const char *a,
              const char *b)
{
  g_autoptr(GArray) x = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (gunichar));
  const char *p;

  for (p = a; *p != '\0'; p = g_utf8_next_char (p))
    if (*p != ' ')
      g_array_append_vals (x, (gunichar[]) { g_utf8_get_char (p) }, 1);
  for (p = b; *p != '\0'; p = g_utf8_next_char (p))
    if (*p != ' ')
      g_array_append_vals (y, (gunichar[]) { g_utf8_get_char (p) }, 1);
  g_array_sort (x, cmp_unichar);
  g_array_sort (y, cmp_unichar);
  /* an empty GArray has no data at all, and memcmp takes no NULL */
  return x->len == y->len &&
         (x->len == 0 || memcmp (x->data, y->data, x->len * sizeof (gunichar)) == 0);
}

/* Random lines of Hebrew, Latin, punctuation, dashes and tags: the fix is
 * idempotent; random bytes go through every function unharmed */
static void
test_random (void)
{
  static const char *const pieces[] = {
    "ש", "ל", "ו", "ם", "ع", " ", " ", ".", "?", "!", ",", "-", "–", "\"", "…", "<i>", "</i>",
    "{\\an8}", "a", "b", "1", "\u200f",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint k;

  for (k = 0; k < 20000; k++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *once = NULL, *twice = NULL;
      guint n = g_rand_int_range (rand, 0, 12), i;

      for (i = 0; i < n; i++)
        g_string_append (line, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      once = mml_subtitle_fix_rtl_punctuation (line->str);
      twice = mml_subtitle_fix_rtl_punctuation (once);
      if (strcmp (once, twice) != 0)
        g_error ("not idempotent: “%s” → “%s” → “%s”", line->str, once, twice);
      if (!same_letters (line->str, once))
        g_error ("characters lost or added: “%s” → “%s”", line->str, once);
    }
  for (k = 0; k < 2000; k++)
    {
      guint8 data[256];
      gsize i, n = g_rand_int_range (rand, 0, sizeof data);
      g_autofree char *z = NULL, *a = NULL, *b = NULL;

      for (i = 0; i < n; i++)
        data[i] = (guint8) g_rand_int_range (rand, 1, 256);
      z = g_strndup ((const char *) data, n);
      (void) mml_subtitle_guess_language ((const char *) data, n);
      (void) mml_subtitle_detect_encoding (data, n, k % 2 ? "he" : NULL, NULL);
      a = mml_subtitle_fix_rtl_punctuation (z);
      b = mml_subtitle_fix_rtl_text (z);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/subtitle-text/detect", test_detect);
  g_test_add_func ("/subtitle-text/exact-names", test_exact_names);
  g_test_add_func ("/subtitle-text/to-utf8", test_to_utf8);
  g_test_add_func ("/subtitle-text/binary", test_binary);
  g_test_add_func ("/subtitle-text/guess-language", test_guess_language);
  g_test_add_func ("/subtitle-text/fix-rtl", test_fix_rtl);
  g_test_add_func ("/subtitle-text/fix-rtl-text", test_fix_rtl_text);
  g_test_add_func ("/subtitle-text/random", test_random);
  return g_test_run ();
}
