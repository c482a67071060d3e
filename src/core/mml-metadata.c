/* mml-metadata.c — the internal metadata model shared by every provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-metadata"

#include "config.h"

#include <string.h>

#include "mml-metadata.h"

/* --- episode ----------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (MmlMetaEpisode, mml_meta_episode, mml_meta_episode_ref, mml_meta_episode_unref)

MmlMetaEpisode *
mml_meta_episode_new (void)
{
  MmlMetaEpisode *self = g_new0 (MmlMetaEpisode, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->season = -1;
  self->number = -1;
  self->absolute = -1;
  self->kind = MML_META_EPISODE_REGULAR;
  return self;
}

MmlMetaEpisode *
mml_meta_episode_ref (MmlMetaEpisode *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mml_meta_episode_unref (MmlMetaEpisode *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->air_date);
  g_clear_pointer (&self->airstamp, g_date_time_unref);
  g_free (self->title);
  g_free (self->overview);
  g_free (self->image_url);
  g_free (self);
}

/* --- season ------------------------------------------------------------ */

G_DEFINE_BOXED_TYPE (MmlMetaSeason, mml_meta_season, mml_meta_season_ref, mml_meta_season_unref)

MmlMetaSeason *
mml_meta_season_new (void)
{
  MmlMetaSeason *self = g_new0 (MmlMetaSeason, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->number = -1;
  return self;
}

MmlMetaSeason *
mml_meta_season_ref (MmlMetaSeason *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mml_meta_season_unref (MmlMetaSeason *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->premiere_date);
  g_free (self->end_date);
  g_free (self->image_url);
  g_free (self);
}

/* --- aka --------------------------------------------------------------- */

void
mml_meta_aka_free (MmlMetaAka *aka)
{
  if (aka == NULL)
    return;
  g_free (aka->name);
  g_free (aka->country);
  g_free (aka);
}

/* --- series ------------------------------------------------------------ */

G_DEFINE_BOXED_TYPE (MmlMetaSeries, mml_meta_series, mml_meta_series_ref, mml_meta_series_unref)

MmlMetaSeries *
mml_meta_series_new (MmlMetaProvider provider)
{
  MmlMetaSeries *self = g_new0 (MmlMetaSeries, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->provider = provider;
  self->genres = g_new0 (char *, 1);
  self->akas = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_aka_free);
  return self;
}

MmlMetaSeries *
mml_meta_series_ref (MmlMetaSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mml_meta_series_unref (MmlMetaSeries *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->premiered);
  g_free (self->ended);
  g_free (self->status_text);
  g_free (self->network);
  g_free (self->country);
  g_free (self->language);
  g_free (self->overview);
  g_strfreev (self->genres);
  g_free (self->image_medium);
  g_free (self->image_original);
  g_free (self->url);
  g_free (self->imdb_id);
  g_clear_pointer (&self->akas, g_ptr_array_unref);
  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_free (self);
}

void
mml_meta_series_add_aka (MmlMetaSeries *self,
                         const char    *name,
                         const char    *country)
{
  MmlMetaAka *aka;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  for (guint i = 0; i < self->akas->len; i++)
    {
      MmlMetaAka *other = g_ptr_array_index (self->akas, i);

      if (g_strcmp0 (other->name, name) == 0 && g_strcmp0 (other->country, country) == 0)
        return;
    }
  aka = g_new0 (MmlMetaAka, 1);
  aka->name = g_strdup (name);
  aka->country = g_strdup (country);
  g_ptr_array_add (self->akas, aka);
}

int
mml_meta_series_count_episodes (MmlMetaSeries *self)
{
  int n = 0;

  g_return_val_if_fail (self != NULL, -1);

  if (self->episodes == NULL)
    return -1;
  for (guint i = 0; i < self->episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (self->episodes, i);

      if (!ep->special)
        n++;
    }
  return n;
}

int
mml_meta_series_count_seasons (MmlMetaSeries *self)
{
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (self != NULL, -1);

  if (self->episodes == NULL)
    return -1;
  seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (self->episodes, i);

      /* season 0 holds specials at TVDB/TMDB; it is not a season on disk */
      if (!ep->special && ep->season > 0)
        g_hash_table_add (seen, GINT_TO_POINTER (ep->season));
    }
  return (int) g_hash_table_size (seen);
}

gboolean
mml_meta_series_has_episode (MmlMetaSeries *self,
                             int            season,
                             int            number)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->episodes == NULL)
    return FALSE;
  for (guint i = 0; i < self->episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (self->episodes, i);

      if (!ep->special && ep->season == season && ep->number == number)
        return TRUE;
    }
  return FALSE;
}

/* --- candidate --------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (MmlMetaCandidate, mml_meta_candidate, mml_meta_candidate_ref, mml_meta_candidate_unref)

MmlMetaCandidate *
mml_meta_candidate_new (MmlMetaSeries *series)
{
  MmlMetaCandidate *self;

  g_return_val_if_fail (series != NULL, NULL);

  self = g_new0 (MmlMetaCandidate, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->series = mml_meta_series_ref (series);
  self->reasons = g_ptr_array_new_with_free_func (g_free);
  return self;
}

MmlMetaCandidate *
mml_meta_candidate_ref (MmlMetaCandidate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mml_meta_candidate_unref (MmlMetaCandidate *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  mml_meta_series_unref (self->series);
  g_ptr_array_unref (self->reasons);
  g_free (self);
}

void
mml_meta_candidate_add_reason (MmlMetaCandidate *self,
                               const char       *format,
                               ...)
{
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, format);
  g_ptr_array_add (self->reasons, g_strdup_vprintf (format, args));
  va_end (args);
}

/* --- helpers ----------------------------------------------------------- */

static const struct { const char *name; gunichar ch; } entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
  { "apos", '\'' }, { "nbsp", ' ' }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
  { "hellip", 0x2026 }, { "rsquo", 0x2019 }, { "lsquo", 0x2018 },
  { "rdquo", 0x201D }, { "ldquo", 0x201C },
};

/* Decode the entity at @p (just after '&'); on success append it and
 * return the number of bytes consumed after '&'. */
static gsize
decode_entity (const char *p,
               GString    *out)
{
  const char *semi = strchr (p, ';');
  gsize len;

  if (semi == NULL || semi - p > 10 || semi == p)
    return 0;
  len = semi - p;

  if (*p == '#')
    {
      guint64 value;
      char digits[12];
      gboolean hex = p[1] == 'x' || p[1] == 'X';
      const char *start = p + (hex ? 2 : 1);
      gsize dlen = semi - start;

      if (dlen == 0 || dlen >= sizeof digits)
        return 0;
      memcpy (digits, start, dlen);
      digits[dlen] = '\0';
      if (!g_ascii_string_to_unsigned (digits, hex ? 16 : 10, 1, 0x10FFFF, &value, NULL)
          || !g_unichar_validate ((gunichar) value))
        return 0;
      g_string_append_unichar (out, (gunichar) value);
      return len + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == len && strncmp (p, entities[i].name, len) == 0)
      {
        g_string_append_unichar (out, entities[i].ch);
        return len + 1;
      }
  return 0;
}

static gboolean
tag_is (const char *tag,
        gsize       len,
        const char *name)
{
  gsize n = strlen (name);

  if (*tag == '/')
    {
      tag++;
      len--;
    }
  return len >= n && g_ascii_strncasecmp (tag, name, n) == 0
         && (len == n || tag[n] == ' ' || tag[n] == '/' || tag[n] == '\t');
}

char *
mml_meta_strip_html (const char *html)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) tidy = NULL;
  const char *p;
  int newlines = 0;
  gboolean space = FALSE;

  if (html == NULL)
    return NULL;

  valid = g_utf8_make_valid (html, -1);
  text = g_string_new (NULL);
  for (p = valid; *p != '\0'; p++)
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          gsize len;

          if (end == NULL)
            break;   /* a truncated tag: drop the rest */
          len = end - p - 1;
          if (tag_is (p + 1, len, "p") || tag_is (p + 1, len, "div") || tag_is (p + 1, len, "li"))
            g_string_append (text, "\n\n");
          else if (tag_is (p + 1, len, "br"))
            g_string_append_c (text, '\n');
          p = end;
        }
      else if (*p == '&')
        {
          gsize used = decode_entity (p + 1, text);

          if (used == 0)
            g_string_append_c (text, '&');
          p += used;
        }
      else
        g_string_append_c (text, *p);
    }

  /* Collapse runs of blanks, keep at most one empty line, trim. */
  tidy = g_string_new (NULL);
  for (p = text->str; *p != '\0'; p++)
    {
      if (*p == '\n')
        {
          newlines++;
          space = FALSE;
          continue;
        }
      if (*p == ' ' || *p == '\t' || *p == '\r')
        {
          space = TRUE;
          continue;
        }
      if (tidy->len > 0)
        {
          if (newlines > 0)
            g_string_append (tidy, newlines > 1 ? "\n\n" : "\n");
          else if (space)
            g_string_append_c (tidy, ' ');
        }
      newlines = 0;
      space = FALSE;
      g_string_append_c (tidy, *p);
    }

  if (tidy->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&tidy), FALSE);
}

MmlMetaStatus
mml_meta_status_from_string (const char *text)
{
  static const struct { const char *word; MmlMetaStatus status; } words[] = {
    { "Running", MML_META_STATUS_CONTINUING },
    { "Continuing", MML_META_STATUS_CONTINUING },
    { "Returning Series", MML_META_STATUS_CONTINUING },
    { "Ended", MML_META_STATUS_ENDED },
    { "Canceled", MML_META_STATUS_ENDED },
    { "Cancelled", MML_META_STATUS_ENDED },
    { "In Development", MML_META_STATUS_UPCOMING },
    { "In Production", MML_META_STATUS_UPCOMING },
    { "Planned", MML_META_STATUS_UPCOMING },
    { "Pilot", MML_META_STATUS_UPCOMING },
    { "Upcoming", MML_META_STATUS_UPCOMING },
    { "To Be Determined", MML_META_STATUS_TBD },
  };

  if (text == NULL)
    return MML_META_STATUS_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (text, words[i].word) == 0)
      return words[i].status;
  return MML_META_STATUS_UNKNOWN;
}

const char *
mml_meta_status_to_string (MmlMetaStatus status)
{
  switch (status)
    {
    case MML_META_STATUS_CONTINUING:
      return "continuing";
    case MML_META_STATUS_ENDED:
      return "ended";
    case MML_META_STATUS_UPCOMING:
      return "upcoming";
    case MML_META_STATUS_TBD:
      return "tbd";
    case MML_META_STATUS_UNKNOWN:
    default:
      return "unknown";
    }
}

/* --- names --------------------------------------------------------------- */

static const char * const order_names[] = { "aired", "dvd", "absolute" };
static const char * const provider_names[] = { "tvmaze", "tvdb", "tmdb" };
static const char * const provider_display[] = { "TVmaze", "TheTVDB", "TMDB" };

const char *
mml_episode_order_to_string (MmlEpisodeOrder order)
{
  g_return_val_if_fail ((guint) order < G_N_ELEMENTS (order_names), "aired");
  return order_names[order];
}

gboolean
mml_episode_order_from_string (const char      *text,
                               MmlEpisodeOrder *order)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (order_names); i++)
    if (g_ascii_strcasecmp (text, order_names[i]) == 0)
      {
        *order = (MmlEpisodeOrder) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mml_meta_provider_to_string (MmlMetaProvider provider)
{
  g_return_val_if_fail ((guint) provider < G_N_ELEMENTS (provider_names), "tvmaze");
  return provider_names[provider];
}

gboolean
mml_meta_provider_from_string (const char      *text,
                               MmlMetaProvider *provider)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (provider_names); i++)
    if (g_ascii_strcasecmp (text, provider_names[i]) == 0)
      {
        *provider = (MmlMetaProvider) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mml_meta_provider_display_name (MmlMetaProvider provider)
{
  g_return_val_if_fail ((guint) provider < G_N_ELEMENTS (provider_display), "TVmaze");
  return provider_display[provider];
}
