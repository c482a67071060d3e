/* mml-http-cache.c — the on-disk response cache and its trimming, JSON
 * scanning and parsing, and the small text helpers of the HTTP layer
 * (Retry-After, waits in words, URL redaction)
 *
 * Every function here may run on a worker thread: none touches an MmlHttp.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-http"

#include <errno.h>
#include <string.h>
#include <utime.h>   /* g_utime() */

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "mml-http-private.h"

#define CACHE_MAGIC  "MMLHTTPCACHE 1\n"
#define CACHE_SUFFIX ".cache"

/* --- cache ------------------------------------------------------------ */

char *
_mml_http_cache_path (const char *cache_dir,
                      const char *method,
                      const char *url,
                      const char *body,
                      gboolean    no_redirect)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *name = NULL;

  g_checksum_update (sum, (const guchar *) method, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) url, -1);
  if (body != NULL)
    {
      g_checksum_update (sum, (const guchar *) "\n", 1);
      g_checksum_update (sum, (const guchar *) body, -1);
    }
  /* A kept redirect and the page it leads to must not share an entry; the
   * keys of ordinary requests stay what they were. */
  if (no_redirect)
    g_checksum_update (sum, (const guchar *) "\nno-redirect", -1);
  name = g_strconcat (g_checksum_get_string (sum), CACHE_SUFFIX, NULL);
  return g_build_filename (cache_dir, name, NULL);
}

void
_mml_http_cache_entry_free (MmlHttpCacheEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_free (entry->etag);
  g_free (entry->last_modified);
  g_free (entry->final_url);
  g_free (entry->location);
  g_free (entry->content_type);
  g_free (entry);
}

gboolean
_mml_http_cache_entry_has_validator (const MmlHttpCacheEntry *entry)
{
  return entry != NULL && (entry->etag != NULL || entry->last_modified != NULL);
}

/* The file: CACHE_MAGIC, "key=value" lines, an empty line, then the body as
 * received (any bytes). Returns NULL for a missing or damaged file. */
MmlHttpCacheEntry *
_mml_http_cache_entry_load (const char *path)
{
  g_autoptr(MmlHttpCacheEntry) entry = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *p, *end;
  gboolean have_fetched = FALSE;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  if (len < strlen (CACHE_MAGIC) || memcmp (data, CACHE_MAGIC, strlen (CACHE_MAGIC)) != 0)
    return NULL;

  entry = g_new0 (MmlHttpCacheEntry, 1);
  p = data + strlen (CACHE_MAGIC);
  end = data + len;
  for (;;)
    {
      const char *eol = memchr (p, '\n', end - p);
      g_autofree char *line = NULL;
      char *eq;

      if (eol == NULL)
        return NULL;                          /* no end of header: damaged */
      if (eol == p)
        {
          p = eol + 1;
          break;
        }
      line = g_strndup (p, eol - p);
      p = eol + 1;
      if ((eq = strchr (line, '=')) == NULL)
        continue;
      *eq = '\0';
      if (strcmp (line, "fetched") == 0)
        {
          entry->fetched = g_ascii_strtoll (eq + 1, NULL, 10);
          have_fetched = TRUE;
        }
      else if (strcmp (line, "etag") == 0)
        entry->etag = g_strdup (eq + 1);
      else if (strcmp (line, "last-modified") == 0)
        entry->last_modified = g_strdup (eq + 1);
      else if (strcmp (line, "final-url") == 0)
        entry->final_url = g_strdup (eq + 1);
      else if (strcmp (line, "status") == 0)
        {
          guint64 status = 0;

          if (!g_ascii_string_to_unsigned (eq + 1, 10, 300, 399, &status, NULL))
            return NULL;
          entry->status = (guint) status;
        }
      else if (strcmp (line, "location") == 0)
        entry->location = g_strdup (eq + 1);
      else if (strcmp (line, "content-type") == 0)
        entry->content_type = g_strdup (eq + 1);
    }
  if (!have_fetched)
    return NULL;

  entry->body = g_bytes_new (p, end - p);
  return g_steal_pointer (&entry);
}

static gboolean
header_value_ok (const char *value)
{
  return value != NULL && strpbrk (value, "\r\n") == NULL;
}

gboolean
_mml_http_cache_entry_save (const char               *path,
                            const MmlHttpCacheEntry  *entry,
                            gsize                    *written,
                            GError                  **error)
{
  g_autoptr(GString) out = g_string_new (CACHE_MAGIC);
  g_autofree char *dir = g_path_get_dirname (path);
  gsize body_len = 0;
  const char *body = g_bytes_get_data (entry->body, &body_len);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the cache folder: %s"), g_strerror (saved));
      return FALSE;
    }

  g_string_append_printf (out, "fetched=%" G_GINT64_FORMAT "\n", entry->fetched);
  if (header_value_ok (entry->etag))
    g_string_append_printf (out, "etag=%s\n", entry->etag);
  if (header_value_ok (entry->last_modified))
    g_string_append_printf (out, "last-modified=%s\n", entry->last_modified);
  /* Never a key on disk: the URL is kept with its secrets redacted. */
  if (header_value_ok (entry->final_url))
    {
      g_autofree char *redacted = mml_http_redact_url (entry->final_url);

      g_string_append_printf (out, "final-url=%s\n", redacted);
    }
  if (MML_HTTP_STATUS_IS_KEPT_REDIRECT (entry->status))
    g_string_append_printf (out, "status=%u\n", entry->status);
  if (header_value_ok (entry->location))
    g_string_append_printf (out, "location=%s\n", entry->location);
  if (header_value_ok (entry->content_type))
    g_string_append_printf (out, "content-type=%s\n", entry->content_type);
  g_string_append_c (out, '\n');
  g_string_append_len (out, body, body_len);

  /* Atomic (write a temporary file, rename), private: URLs may hold keys. */
  if (!g_file_set_contents_full (path, out->str, out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  if (written != NULL)
    *written = out->len;
  return TRUE;
}

void
_mml_http_cache_clear (const char *cache_dir)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (cache_dir == NULL || (dir = g_dir_open (cache_dir, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, CACHE_SUFFIX))
        continue;
      path = g_build_filename (cache_dir, name, NULL);
      g_unlink (path);
    }
}

void
_mml_http_cache_touch (const char *path)
{
  /* NULL: now, to the file system's precision; no harm if it is gone */
  g_utime (path, NULL);
}

typedef struct
{
  char   *name;
  guint64 size;
  gint64  used;     /* mtime, µs */
} TrimEntry;

static void
trim_entry_clear (gpointer data)
{
  g_free (((TrimEntry *) data)->name);
}

static int
trim_entry_compare (gconstpointer a,
                    gconstpointer b)
{
  const TrimEntry *x = a, *y = b;

  if (x->used != y->used)
    return x->used < y->used ? -1 : 1;
  return strcmp (x->name, y->name);
}

guint64
_mml_http_cache_trim (const char *cache_dir,
                      guint64     limit,
                      guint64     target)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GArray) entries = NULL;
  guint64 total = 0;
  GFileInfo *info;

  if (cache_dir == NULL)
    return 0;
  dir = g_file_new_for_path (cache_dir);
  children = g_file_enumerate_children (dir,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return 0;
  entries = g_array_new (FALSE, FALSE, sizeof (TrimEntry));
  g_array_set_clear_func (entries, trim_entry_clear);
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      /* only entries: never the temporary file of a write in progress */
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
          && g_str_has_suffix (name, CACHE_SUFFIX))
        {
          TrimEntry entry = {
            .name = g_strdup (name),
            .size = (guint64) MAX (g_file_info_get_size (info), 0),
            .used = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
                    + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC),
          };

          g_array_append_val (entries, entry);
          total += entry.size;
        }
      g_object_unref (info);
    }
  if (limit == 0 || total <= limit)
    return total;

  g_array_sort (entries, trim_entry_compare);
  for (guint i = 0; i < entries->len && total > target; i++)
    {
      TrimEntry *entry = &g_array_index (entries, TrimEntry, i);
      g_autofree char *path = g_build_filename (cache_dir, entry->name, NULL);

      if (g_unlink (path) == 0 || errno == ENOENT)
        total -= entry->size;
    }
  g_debug ("cache trimmed to %" G_GUINT64_FORMAT " bytes", total);
  return total;
}

/* --- JSON ------------------------------------------------------------- */

gboolean
_mml_http_json_scan (MmlHttpJsonScan *scan,
                     const char      *data,
                     gsize            len)
{
  const char *p = data, *end = data + len;

  if (scan->over)
    return FALSE;
  while (p < end)
    {
      char c;

      if (scan->in_string)
        {
          if (scan->escaped)
            {
              /* the character escaped at the end of the last piece */
              scan->escaped = FALSE;
              p++;
              continue;
            }
          /* skip to the next quote or backslash */
          while (p < end && *p != '"' && *p != '\\')
            p++;
          if (p == end)
            break;
          if (*p == '\\')
            {
              /* the escaped character is the next byte, maybe in the next piece */
              if (++p == end)
                {
                  scan->escaped = TRUE;
                  break;
                }
            }
          else
            scan->in_string = FALSE;
          p++;
          continue;
        }

      c = *p++;
      /* a UTF-8 byte order mark before anything else (json-glib skips it) */
      if (!scan->begun && scan->bom < 3 && (guchar) c == (guchar) "\xef\xbb\xbf"[scan->bom])
        {
          scan->bom++;
          continue;
        }
      scan->begun = TRUE;
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
        continue;
      /* Outside strings JSON has only structure, numbers, true, false and
       * null. json-glib also takes 'strings' and comments, where a '"'
       * would hide values from this count: refuse them. */
      if (!g_ascii_isalnum (c) && c != '"' && c != '{' && c != '}' && c != '[' && c != ']'
          && c != ',' && c != ':' && c != '-' && c != '+' && c != '.')
        {
          scan->invalid = TRUE;
          scan->over = TRUE;
          return FALSE;
        }
      if (!scan->started)
        {
          scan->started = TRUE;
          scan->values = 1;
        }
      if (scan->opened)
        {
          /* the first member or element of a non-empty object or list */
          scan->opened = FALSE;
          if (c != ']' && c != '}')
            scan->values++;
        }
      switch (c)
        {
        case '"':
          scan->in_string = TRUE;
          break;
        case '[':
        case '{':
          scan->opened = TRUE;
          scan->depth++;
          scan->max_depth = MAX (scan->max_depth, scan->depth);
          break;
        case ']':
        case '}':
          if (scan->depth > 0)
            scan->depth--;
          break;
        case ',':
          scan->values++;
          break;
        default:
          break;
        }
      if (scan->max_depth > MML_HTTP_MAX_JSON_DEPTH || scan->values > MML_HTTP_MAX_JSON_VALUES)
        {
          scan->over = TRUE;
          return FALSE;
        }
    }
  return TRUE;
}

GError *
_mml_http_json_scan_error (const MmlHttpJsonScan *scan,
                           const char            *label)
{
  if (scan->invalid)
    return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                        _("%s sent a reply that is not valid JSON (a character JSON has only in strings)"),
                        label);
  if (scan->max_depth > MML_HTTP_MAX_JSON_DEPTH)
    return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                        _("%s sent a reply that is not valid JSON (nested too deeply)"), label);
  return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                      _("%s sent a reply too large to read (more than %u values)"),
                      label, (guint) MML_HTTP_MAX_JSON_VALUES);
}

JsonNode *
_mml_http_parse_json (GBytes      *body,
                      const char  *label,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  MmlHttpJsonScan scan = { 0 };
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  JsonNode *root;

  if (len == 0 || data == NULL)
    {
      g_set_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                   _("%s sent an empty reply where JSON was expected"), label);
      return NULL;
    }
  /* Bounded before anything is built: a few MB of "[{},{},…" would make
   * hundreds of MB of nodes, "[[[[…" would overflow json-glib's stack. */
  if (!_mml_http_json_scan (&scan, data, len))
    {
      g_propagate_error (error, _mml_http_json_scan_error (&scan, label));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                   _("%s sent a reply that is not valid JSON (%s)"), label,
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                   _("%s sent an empty reply where JSON was expected"), label);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root) && !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                   _("%s sent a reply of an unexpected type (%s where an object or a list was expected)"),
                   label, json_node_type_name (root));
      return NULL;
    }
  return json_node_ref (root);
}

/* The body of a kept redirect is informative at best (TVmaze sends "null"). */
JsonNode *
_mml_http_parse_json_lenient (GBytes *body)
{
  return _mml_http_parse_json (body, "", NULL);
}

void
_mml_http_parse_job_free (gpointer data)
{
  MmlHttpParseJob *job = data;

  g_clear_pointer (&job->body, g_bytes_unref);
  g_free (job->label);
  g_free (job->cache_path);
  g_clear_pointer (&job->entry, _mml_http_cache_entry_free);
  g_free (job);
}

void
_mml_http_parse_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  MmlHttpParseJob *job = task_data;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (job->only_lookup)
    {
      gint64 age;

      job->entry = _mml_http_cache_entry_load (job->cache_path);
      if (job->entry == NULL)
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
      if (!job->raw)
        {
          MmlHttpJsonScan scan = { 0 };
          gsize len = 0;
          const char *data = g_bytes_get_data (job->entry->body, &len);

          /* not worth serving nor revalidating: ask the server */
          if (!_mml_http_json_scan (&scan, data, len))
            {
              g_clear_pointer (&job->entry, _mml_http_cache_entry_free);
              g_task_return_pointer (task, NULL, NULL);
              return;
            }
          job->values = scan.values;
        }
      age = g_get_real_time () / G_USEC_PER_SEC - job->entry->fetched;
      job->fresh = !_mml_http_cache_entry_has_validator (job->entry)
                   && age >= 0 && age < (gint64) job->ttl;
      if (!job->fresh)
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
      _mml_http_cache_touch (job->cache_path);
      /* JSON is parsed later, within the parse budget */
      if (job->raw)
        g_task_return_pointer (task, g_bytes_ref (job->entry->body), (GDestroyNotify) g_bytes_unref);
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (job->raw)
    {
      if (job->cache_path != NULL && job->entry != NULL
          && !_mml_http_cache_entry_save (job->cache_path, job->entry, &job->written, &error))
        g_warning ("Cannot write the HTTP cache: %s", error->message);
      g_task_return_pointer (task, g_bytes_ref (job->body), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (job->lenient)
    node = _mml_http_parse_json_lenient (job->body);
  else if ((node = _mml_http_parse_json (job->body, job->label, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->cache_path != NULL && job->entry != NULL
      && !_mml_http_cache_entry_save (job->cache_path, job->entry, &job->written, &error))
    g_warning ("Cannot write the HTTP cache: %s", error->message);
  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

/* --- Retry-After ------------------------------------------------------ */

/* Delta-seconds or an HTTP date. A date in the past means "now" (0 ms). */
gboolean
_mml_http_parse_retry_after (const char *value,
                             gint64      now_unix,
                             guint64    *out_ms)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;
  char *end = NULL;

  if (value == NULL)
    return FALSE;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      /* past G_MAXUINT64 it says G_MAXUINT64: clamped below all the same */
      seconds = g_ascii_strtoull (value, &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0')
        return FALSE;
    }
  else
    {
      gint64 at;

      if ((date = soup_date_time_new_from_http_string (value)) == NULL)
        return FALSE;
      at = g_date_time_to_unix (date);
      seconds = at > now_unix ? (guint64) at - (guint64) now_unix : 0;
    }
  *out_ms = MIN (seconds, MML_HTTP_RETRY_AFTER_MAX_MS / 1000) * 1000;
  return TRUE;
}

char *
_mml_http_format_wait (guint64 ms)
{
  const guint64 minute = 60, hour = 60 * minute, day = 24 * hour, year = 365 * day;
  guint64 s = MAX ((ms + 500) / 1000, 1);
  guint n;

  if (s < 2 * minute)
    {
      n = (guint) s;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", n), n);
    }
  if (s < 2 * hour)
    {
      n = (guint) ((s + minute / 2) / minute);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", n), n);
    }
  if (s < 2 * day)
    {
      n = (guint) ((s + hour / 2) / hour);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", n), n);
    }
  if (s < 2 * year)
    {
      n = (guint) ((s + day / 2) / day);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", n), n);
    }
  n = (guint) MIN ((s + year / 2) / year, (guint64) G_MAXUINT);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u year", "%u years", n), n);
}

/* --- redaction -------------------------------------------------------- */

static gboolean
is_secret_name (const char *name,
                gsize       len)
{
  static const char *const words[] = {
    "key", "token", "secret", "password", "passwd", "auth", "session",
    "signature", "sig", "pin", "credential", "jwt",
  };
  g_autofree char *lower = g_ascii_strdown (name, len);

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
mml_http_redact_url (const char *url)
{
  g_autoptr(GString) out = NULL;
  const char *p, *scheme_end, *authority_end, *query, *fragment;

  if (url == NULL)
    return NULL;

  out = g_string_new (NULL);
  p = url;

  /* user:password@ */
  if ((scheme_end = strstr (p, "://")) != NULL)
    {
      const char *at, *host = scheme_end + 3;

      authority_end = host + strcspn (host, "/?#");
      at = memchr (host, '@', authority_end - host);
      if (at != NULL)
        {
          g_string_append_len (out, p, host - p);
          g_string_append (out, "REDACTED@");
          p = at + 1;
        }
    }

  query = strchr (p, '?');
  fragment = strchr (p, '#');
  if (query == NULL || (fragment != NULL && fragment < query))
    {
      g_string_append (out, p);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  g_string_append_len (out, p, query + 1 - p);
  p = query + 1;
  while (*p != '\0' && *p != '#')
    {
      gsize len = strcspn (p, "&#");
      const char *eq = memchr (p, '=', len);

      if (eq != NULL && is_secret_name (p, eq - p))
        {
          g_string_append_len (out, p, eq + 1 - p);
          g_string_append (out, "REDACTED");
        }
      else
        g_string_append_len (out, p, len);
      p += len;
      if (*p == '&')
        g_string_append_c (out, *p++);
    }
  g_string_append (out, p);     /* the fragment, if any */
  return g_string_free (g_steal_pointer (&out), FALSE);
}
