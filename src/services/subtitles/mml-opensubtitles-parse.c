/* mml-opensubtitles-parse.c — OpenSubtitles' pure side: reading replies
 * into candidates, ranking them, the search parameters, the URL rule, and
 * the movie hash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-opensubtitles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-json.h"
#include "mml-opensubtitles-private.h"

/* --- candidates ---------------------------------------------------------- */

typedef struct
{
  MmlSubtitleCandidate pub;
  gatomicrefcount      ref;
} Candidate;

G_DEFINE_BOXED_TYPE (MmlSubtitleCandidate, mml_subtitle_candidate,
                     mml_subtitle_candidate_ref, mml_subtitle_candidate_unref)

MmlSubtitleCandidate *
mml_subtitle_candidate_new (void)
{
  Candidate *c = g_new0 (Candidate, 1);

  g_atomic_ref_count_init (&c->ref);
  c->pub.season = -1;
  c->pub.episode = -1;
  return &c->pub;
}

MmlSubtitleCandidate *
mml_subtitle_candidate_ref (MmlSubtitleCandidate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&((Candidate *) self)->ref);
  return self;
}

void
mml_subtitle_candidate_unref (MmlSubtitleCandidate *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&((Candidate *) self)->ref))
    return;
  g_free (self->language);
  g_free (self->release);
  g_free (self->file_name);
  g_free (self->uploader);
  g_free (self->uploader_rank);
  g_free (self->url);
  g_free (self->feature_type);
  g_free (self->title);
  g_free (self->parent_title);
  g_free (self);
}

void
mml_subtitle_account_free (MmlSubtitleAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->username);
  g_free (account->level);
  g_free (account);
}

char *
_mml_opensubtitles_language (const char *code)
{
  gsize len;

  if (code == NULL)
    return NULL;
  /* "en", "pob", "pt-BR", "zh-TW", "zh-Hant": letters, one dash, letters or digits */
  len = strlen (code);
  if (len < 2 || len > 12 || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]))
    return NULL;
  for (gsize i = 0, dashes = 0; i < len; i++)
    if (code[i] == '-' ? (++dashes > 1 || i < 2 || i == len - 1) : !g_ascii_isalnum (code[i]))
      return NULL;
  return g_ascii_strdown (code, -1);
}

/* A whole number, given as a JSON number or a string of digits ("3178800"). */
static gint64
get_id (JsonObject *o,
        const char *name)
{
  const char *text = mml_json_get_string (o, name);
  gint64 value = 0;

  if (mml_json_get_int (o, name, &value))
    return value > 0 ? value : 0;
  if (text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &value, NULL))
    return value;
  return 0;
}

static gboolean
get_flag (JsonObject *o,
          const char *name)
{
  gboolean value = FALSE;

  mml_json_get_bool (o, name, &value);
  return value;
}

static MmlSubtitleCandidate *
parse_candidate (JsonNode *node)
{
  JsonObject *item = mml_json_node_object (node);
  JsonObject *a = mml_json_get_object (item, "attributes");
  JsonObject *f = mml_json_get_object (a, "feature_details");
  JsonArray *files = mml_json_get_array (a, "files");
  JsonObject *file = NULL;
  JsonObject *uploader = mml_json_get_object (a, "uploader");
  MmlSubtitleCandidate *c;
  gint64 file_id = 0;

  if (a == NULL || files == NULL || json_array_get_length (files) == 0)
    return NULL;
  file = mml_json_node_object (json_array_get_element (files, 0));
  if ((file_id = get_id (file, "file_id")) == 0)
    return NULL;

  c = mml_subtitle_candidate_new ();
  c->file_id = file_id;
  c->file_name = mml_json_dup_string (file, "file_name");
  c->n_files = json_array_get_length (files);
  c->subtitle_id = get_id (a, "subtitle_id");
  if (c->subtitle_id == 0)
    c->subtitle_id = get_id (item, "id");
  c->language = _mml_opensubtitles_language (mml_json_get_string (a, "language"));
  c->release = mml_json_dup_string (a, "release");
  c->url = mml_json_dup_string (a, "url");
  c->hearing_impaired = get_flag (a, "hearing_impaired");
  c->foreign_parts_only = get_flag (a, "foreign_parts_only");
  c->ai_translated = get_flag (a, "ai_translated");
  c->machine_translated = get_flag (a, "machine_translated");
  c->from_trusted = get_flag (a, "from_trusted");
  c->moviehash_match = get_flag (a, "moviehash_match");
  if (!mml_json_get_int (a, "download_count", &c->download_count) || c->download_count < 0)
    c->download_count = 0;
  if (!mml_json_get_number (a, "ratings", &c->ratings))
    c->ratings = 0;
  if (!mml_json_get_number (a, "fps", &c->fps))
    c->fps = 0;
  c->uploader = mml_json_dup_string (uploader, "name");
  c->uploader_rank = mml_json_dup_string (uploader, "rank");

  c->feature_type = mml_json_dup_string (f, "feature_type");
  c->title = mml_json_dup_string (f, "title");
  c->parent_title = mml_json_dup_string (f, "parent_title");
  c->year = mml_json_get_small_int (f, "year", 0);
  c->season = mml_json_get_small_int (f, "season_number", -1);
  c->episode = mml_json_get_small_int (f, "episode_number", -1);
  c->imdb_id = get_id (f, "imdb_id");
  c->tmdb_id = get_id (f, "tmdb_id");
  c->parent_imdb_id = get_id (f, "parent_imdb_id");
  c->parent_tmdb_id = get_id (f, "parent_tmdb_id");
  return c;
}

GPtrArray *
_mml_opensubtitles_parse_search (JsonObject  *root,
                                 GError     **error)
{
  JsonArray *data = mml_json_get_array (root, "data");
  GPtrArray *candidates;

  if (data == NULL)
    {
      g_set_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_MALFORMED,
                   _("OpenSubtitles sent search results without a list of subtitles"));
      return NULL;
    }
  candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_subtitle_candidate_unref);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      MmlSubtitleCandidate *c = parse_candidate (json_array_get_element (data, i));

      if (c != NULL)
        g_ptr_array_add (candidates, c);
    }
  return candidates;
}

void
_mml_opensubtitles_parse_quota (JsonObject       *root,
                                MmlSubtitleQuota *quota)
{
  const char *reset = mml_json_get_string (root, "reset_time_utc");
  gint64 value;

  quota->requests = -1;
  quota->remaining = -1;
  quota->reset_time_utc = 0;
  quota->retry_after = 0;
  if (mml_json_get_int (root, "requests", &value) && value >= 0 && value <= G_MAXINT)
    quota->requests = (int) value;
  /* a used-up quota says -1 or 0 */
  if (mml_json_get_int (root, "remaining", &value) && value <= G_MAXINT)
    quota->remaining = (int) MAX (value, 0);
  if (reset != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (reset, utc);

      if (when != NULL)
        quota->reset_time_utc = g_date_time_to_unix (when);
    }
}

/* --- ranking ------------------------------------------------------------- */

/* How many reasons the prefs have to put @c after the others. */
static guint
demotions (const MmlSubtitleCandidate *c,
           const MmlSubtitlePrefs     *prefs)
{
  guint n = 0;

  if (prefs->hearing_impaired == MML_SUBTITLE_HI_AVOID && c->hearing_impaired)
    n++;
  if (prefs->hearing_impaired == MML_SUBTITLE_HI_PREFER && !c->hearing_impaired)
    n++;
  if (!prefs->foreign_parts_only && c->foreign_parts_only)
    n += 2;   /* a forced subtitle is no full one: after every full one */
  return n;
}

static gboolean
ids_differ (gint64 asked,
            gint64 given)
{
  return asked > 0 && given > 0 && asked != given;
}

static gboolean
keep_candidate (const MmlSubtitleCandidate *c,
                const MmlSubtitleQuery     *query)
{
  const MmlSubtitlePrefs *prefs = &query->prefs;

  if (c->ai_translated && !prefs->allow_ai_translated)
    return FALSE;
  if (c->machine_translated && !prefs->allow_machine_translated)
    return FALSE;
  if (prefs->hearing_impaired == MML_SUBTITLE_HI_ONLY && !c->hearing_impaired)
    return FALSE;
  if (prefs->hearing_impaired == MML_SUBTITLE_HI_EXCLUDE && c->hearing_impaired)
    return FALSE;
  if (prefs->foreign_parts_only && (!c->foreign_parts_only || c->hearing_impaired))
    return FALSE;
  if (query->episode > 0)
    {
      if (g_strcmp0 (c->feature_type, "Movie") == 0)
        return FALSE;
      if ((c->season >= 0 && c->season != query->season)
          || (c->episode >= 0 && c->episode != query->episode))
        return FALSE;
    }
  if (ids_differ (query->parent_imdb_id, c->parent_imdb_id)
      || ids_differ (query->parent_tmdb_id, c->parent_tmdb_id)
      || ids_differ (query->imdb_id, c->imdb_id)
      || ids_differ (query->tmdb_id, c->tmdb_id))
    return FALSE;
  return TRUE;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const MmlSubtitlePrefs *prefs = user_data;
  const MmlSubtitleCandidate *x = *(MmlSubtitleCandidate *const *) a;
  const MmlSubtitleCandidate *y = *(MmlSubtitleCandidate *const *) b;
  guint dx = demotions (x, prefs), dy = demotions (y, prefs);

  if (dx != dy)
    return dx < dy ? -1 : 1;
  if (x->moviehash_match != y->moviehash_match)
    return x->moviehash_match ? -1 : 1;
  if (x->from_trusted != y->from_trusted)
    return x->from_trusted ? -1 : 1;
  if (x->download_count != y->download_count)
    return x->download_count > y->download_count ? -1 : 1;
  if (x->ratings != y->ratings)
    return x->ratings > y->ratings ? -1 : 1;
  if (x->subtitle_id != y->subtitle_id)
    return x->subtitle_id < y->subtitle_id ? -1 : 1;
  return 0;
}

void
mml_opensubtitles_rank (GPtrArray              *candidates,
                        const MmlSubtitleQuery *query)
{
  g_return_if_fail (candidates != NULL);
  g_return_if_fail (query != NULL);

  for (guint i = candidates->len; i > 0; i--)
    if (!keep_candidate (g_ptr_array_index (candidates, i - 1), query))
      g_ptr_array_remove_index (candidates, i - 1);
  g_ptr_array_sort_with_data (candidates, compare_candidates, (gpointer) &query->prefs);
}

MmlSubtitleCandidate *
mml_opensubtitles_pick_automatic (GPtrArray              *candidates,
                                  const MmlSubtitleQuery *query,
                                  const char             *language)
{
  g_autofree char *wanted = _mml_opensubtitles_language (language);
  MmlSubtitleCandidate *best = NULL;

  g_return_val_if_fail (candidates != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  for (guint i = 0; i < candidates->len && best == NULL; i++)
    {
      MmlSubtitleCandidate *c = g_ptr_array_index (candidates, i);

      if (language == NULL || g_strcmp0 (c->language, wanted) == 0)
        best = c;
    }
  if (best == NULL || !keep_candidate (best, query) || demotions (best, &query->prefs) > 0)
    return NULL;
  if (best->moviehash_match && query->moviehash != 0)
    return best;
  if (best->from_trusted && query->episode > 0
      && best->season == query->season && best->episode == query->episode)
    return best;
  return NULL;
}

/* --- requests ------------------------------------------------------------ */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* "en,pt-br": lower case, sorted, each once; NULL for none. */
static char *
languages_param (const char *const *languages)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  GString *out;

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      char *code = _mml_opensubtitles_language (languages[i]);

      if (code != NULL)
        g_ptr_array_add (codes, code);
    }
  if (codes->len == 0)
    return NULL;
  g_ptr_array_sort (codes, compare_strings);
  out = g_string_new (NULL);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);

      if (i > 0 && strcmp (code, g_ptr_array_index (codes, i - 1)) == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, code);
    }
  return g_string_free (out, FALSE);
}

static void
add_param (GPtrArray  *params,
           const char *name,
           char       *value /* owned */)
{
  g_ptr_array_add (params, g_strconcat (name, "=", value, NULL));
  g_free (value);
}

char *
mml_opensubtitles_search_params (const MmlSubtitleQuery *query,
                                 gboolean                by_episode_id)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  char *languages;
  gboolean by_id = FALSE;
  GString *out;

  g_return_val_if_fail (query != NULL, NULL);

  if (by_episode_id)
    {
      /* ids: numbers without "tt" or leading zeros, as the API wants them */
      if (query->imdb_id > 0)
        add_param (params, "imdb_id", g_strdup_printf ("%" G_GINT64_FORMAT, query->imdb_id));
      else if (query->tmdb_id > 0)
        add_param (params, "tmdb_id", g_strdup_printf ("%" G_GINT64_FORMAT, query->tmdb_id));
      else
        return NULL;
    }
  else
    {
      if (query->parent_imdb_id > 0)
        add_param (params, "parent_imdb_id", g_strdup_printf ("%" G_GINT64_FORMAT, query->parent_imdb_id));
      else if (query->parent_tmdb_id > 0)
        add_param (params, "parent_tmdb_id", g_strdup_printf ("%" G_GINT64_FORMAT, query->parent_tmdb_id));
      by_id = params->len > 0;
      if (by_id && query->episode > 0 && query->season >= 0)
        {
          add_param (params, "episode_number", g_strdup_printf ("%d", query->episode));
          add_param (params, "season_number", g_strdup_printf ("%d", query->season));
        }
      if (!by_id && query->moviehash == 0)
        return NULL;
    }
  if (query->moviehash != 0)
    add_param (params, "moviehash", mml_opensubtitles_hash_to_string (query->moviehash));
  if ((languages = languages_param (query->languages)) != NULL)
    add_param (params, "languages", languages);

  /* sorted by name: the server redirects other orders */
  g_ptr_array_sort (params, compare_strings);
  out = g_string_new (NULL);
  for (guint i = 0; i < params->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append (out, g_ptr_array_index (params, i));
    }
  return g_string_free (out, FALSE);
}

/* The host of a login reply's base_url, if it is one we go to. */
static char *
login_host (const char *value)
{
  g_autofree char *host = NULL;
  gsize len;

  if (value == NULL)
    return NULL;
  if (g_str_has_prefix (value, "https://"))
    value += strlen ("https://");
  host = g_ascii_strdown (value, -1);
  len = strlen (host);
  while (len > 0 && host[len - 1] == '/')
    host[--len] = '\0';
  if (g_str_has_suffix (host, "/api/v1"))
    host[len -= strlen ("/api/v1")] = '\0';
  if (len == 0 || len > 253)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (host[i]) && host[i] != '-' && host[i] != '.')
      return NULL;
  /* Only OpenSubtitles' own hosts get the key and the token. */
  if (strcmp (host, "opensubtitles.com") != 0 && !g_str_has_suffix (host, ".opensubtitles.com"))
    return NULL;
  if (strstr (host, "..") != NULL)
    return NULL;
  return g_steal_pointer (&host);
}

char *
mml_opensubtitles_api_url (const char *base_url,
                           gboolean    base_is_explicit,
                           const char *host,
                           const char *path)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (base_is_explicit && base_url != NULL)
    return g_strconcat (base_url, path, NULL);
  if ((checked = login_host (host)) != NULL)
    return g_strconcat ("https://", checked, "/api/v1", path, NULL);
  return g_strconcat (MML_OPENSUBTITLES_DEFAULT_URL, path, NULL);
}

/* --- the movie hash ------------------------------------------------------ */

static guint64
sum_words (const guint8 *block)
{
  guint64 sum = 0;

  for (gsize i = 0; i < MML_OPENSUBTITLES_HASH_BLOCK; i += 8)
    {
      guint64 word;

      memcpy (&word, block + i, sizeof word);
      sum += GUINT64_FROM_LE (word);
    }
  return sum;
}

gboolean
mml_opensubtitles_hash_blocks (guint64       size,
                               const guint8 *head,
                               const guint8 *tail,
                               guint64      *out_hash)
{
  g_return_val_if_fail (head != NULL && tail != NULL && out_hash != NULL, FALSE);

  if (size < MML_OPENSUBTITLES_HASH_MIN_SIZE)
    return FALSE;
  /* unsigned arithmetic wraps: mod 2^64 as the definition wants */
  *out_hash = size + sum_words (head) + sum_words (tail);
  return TRUE;
}

gboolean
mml_opensubtitles_hash_bytes (GBytes  *bytes,
                              guint64 *out_hash)
{
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL && out_hash != NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);
  if (size < MML_OPENSUBTITLES_HASH_MIN_SIZE)
    return FALSE;
  return mml_opensubtitles_hash_blocks (size, data, data + size - MML_OPENSUBTITLES_HASH_BLOCK, out_hash);
}

gboolean
mml_opensubtitles_hash_file (GFile         *file,
                             guint64       *out_hash,
                             guint64       *out_size,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree guint8 *head = NULL;
  g_autofree guint8 *tail = NULL;
  gsize got = 0;
  goffset size;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (out_hash != NULL, FALSE);

  if ((stream = g_file_read (file, cancellable, error)) == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, error);
  if (info == NULL)
    return FALSE;
  size = g_file_info_get_size (info);
  if (size < MML_OPENSUBTITLES_HASH_MIN_SIZE)
    {
      g_autofree char *size_text = g_strdup_printf ("%" G_GOFFSET_FORMAT, size);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is too small for a movie hash (%s bytes)"), size_text);
      return FALSE;
    }
  head = g_malloc (MML_OPENSUBTITLES_HASH_BLOCK);
  tail = g_malloc (MML_OPENSUBTITLES_HASH_BLOCK);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, MML_OPENSUBTITLES_HASH_BLOCK,
                                &got, cancellable, error))
    return FALSE;
  if (got == MML_OPENSUBTITLES_HASH_BLOCK
      && (!g_seekable_seek (G_SEEKABLE (stream), size - MML_OPENSUBTITLES_HASH_BLOCK,
                            G_SEEK_SET, cancellable, error)
          || !g_input_stream_read_all (G_INPUT_STREAM (stream), tail, MML_OPENSUBTITLES_HASH_BLOCK,
                                       &got, cancellable, error)))
    return FALSE;
  if (got != MML_OPENSUBTITLES_HASH_BLOCK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file ended before its size said (it is changing?)"));
      return FALSE;
    }
  if (out_size != NULL)
    *out_size = (guint64) size;
  return mml_opensubtitles_hash_blocks ((guint64) size, head, tail, out_hash);
}

char *
mml_opensubtitles_hash_to_string (guint64 hash)
{
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", hash);
}
