/* mml-viewing.c — the viewing status of a series and the episodes a mark
 * names (the rule is in mml-viewing.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include <string.h>

#include "mml-viewing.h"

static const char * const status_names[] = {
  [MML_VIEWING_NOT_STARTED]      = "not-started",
  [MML_VIEWING_WATCHING]         = "watching",
  [MML_VIEWING_NEED_TO_CONTINUE] = "need-to-continue",
  [MML_VIEWING_CAUGHT_UP]        = "caught-up",
  [MML_VIEWING_COMPLETED]        = "completed",
  [MML_VIEWING_ON_HOLD]          = "on-hold",
  [MML_VIEWING_DROPPED]          = "dropped",
};

/**
 * mml_viewing_status_derive:
 * @facts: what the store counted of the series
 * @now: the time to judge "recent" by, unix seconds
 * @recent_days: how many days back a mark is recent (MML_VIEWING_RECENT_DAYS)
 *
 * Returns: the derived status (never on hold or dropped)
 */
MmlViewingStatus
mml_viewing_status_derive (const MmlViewingFacts *facts,
                           gint64                 now,
                           guint                  recent_days)
{
  gboolean recent;

  g_return_val_if_fail (facts != NULL, MML_VIEWING_NOT_STARTED);

  if (facts->watched == 0)
    return MML_VIEWING_NOT_STARTED;

  if (facts->counted > 0 && facts->counted_watched >= facts->counted)
    return facts->ended && facts->upcoming == 0 ? MML_VIEWING_COMPLETED : MML_VIEWING_CAUGHT_UP;

  /* some are left: new ones since the last mark, or the last mark is old */
  if (facts->counted > 0 && facts->last_watched_at > 0 &&
      facts->first_left_aired > facts->last_watched_at)
    return MML_VIEWING_NEED_TO_CONTINUE;

  recent = facts->last_watched_at > 0 &&
           now - facts->last_watched_at <= (gint64) recent_days * 24 * 3600;
  return recent ? MML_VIEWING_WATCHING : MML_VIEWING_NEED_TO_CONTINUE;
}

const char *
mml_viewing_status_to_string (MmlViewingStatus status)
{
  g_return_val_if_fail (status <= MML_VIEWING_DROPPED, NULL);

  return status_names[status];
}

gboolean
mml_viewing_status_from_string (const char       *str,
                                MmlViewingStatus *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (str, status_names[i]))
      {
        *status = (MmlViewingStatus) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
mml_viewing_status_is_followed (MmlViewingStatus status)
{
  return status == MML_VIEWING_WATCHING || status == MML_VIEWING_NEED_TO_CONTINUE ||
         status == MML_VIEWING_CAUGHT_UP;
}

/* For badges, filters and the CLI: what the status says to a user. */
const char *
mml_viewing_status_get_label (MmlViewingStatus status)
{
  switch (status)
    {
    case MML_VIEWING_WATCHING:
      return C_("viewing status", "Watching");
    case MML_VIEWING_NEED_TO_CONTINUE:
      return C_("viewing status", "Need to continue");
    case MML_VIEWING_CAUGHT_UP:
      return C_("viewing status", "Caught up");
    case MML_VIEWING_COMPLETED:
      return C_("viewing status", "Completed");
    case MML_VIEWING_ON_HOLD:
      return C_("viewing status", "On hold");
    case MML_VIEWING_DROPPED:
      return C_("viewing status", "Dropped");
    case MML_VIEWING_NOT_STARTED:
    default:
      return C_("viewing status", "Not started");
    }
}

gboolean
mml_viewing_override_parse (const char       *str,
                            gboolean         *has_override,
                            MmlViewingStatus *status)
{
  if (g_strcmp0 (str, "auto") == 0)
    {
      *has_override = FALSE;
      *status = MML_VIEWING_NOT_STARTED;
      return TRUE;
    }
  if (!mml_viewing_status_from_string (str, status))
    return FALSE;
  *has_override = TRUE;
  return TRUE;
}

/* --- episode specs --- */

/* Digits at *p (at most 6), moving past them; FALSE when there are none */
static gboolean
read_number (const char **p,
             int         *value)
{
  const char *s = *p;
  int n = 0;
  guint digits = 0;

  while (g_ascii_isdigit (*s) && digits < 6)
    {
      n = n * 10 + (*s - '0');
      s++;
      digits++;
    }
  if (digits == 0 || g_ascii_isdigit (*s))
    return FALSE;
  *value = n;
  *p = s;
  return TRUE;
}

/* "S01E02" (season and episode) or "A105" (absolute) at *p */
static gboolean
read_episode (const char **p,
              gboolean    *absolute,
              int         *season,
              int         *number)
{
  const char *s = *p;

  if (g_ascii_toupper (*s) == 'A')
    {
      s++;
      if (!read_number (&s, number))
        return FALSE;
      *absolute = TRUE;
      *season = -1;
    }
  else if (g_ascii_toupper (*s) == 'S')
    {
      s++;
      if (!read_number (&s, season) || g_ascii_toupper (*s) != 'E')
        return FALSE;
      s++;
      if (!read_number (&s, number))
        return FALSE;
      *absolute = FALSE;
    }
  else
    return FALSE;

  *p = s;
  return TRUE;
}

static gboolean
spec_error (const char  *text,
            GError     **error)
{
  g_autofree char *shown = g_utf8_make_valid (text, -1);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: %s is what was typed; keep the examples as they are */
               _("“%s” names no episodes: use S01E02, S01E02-S01E05, S01, all, A105, A100-A110 "
                 "or ..S01E05"),
               shown);
  return FALSE;
}

gboolean
mml_episode_spec_parse (const char      *text,
                        MmlEpisodeSpec  *spec,
                        GError         **error)
{
  MmlEpisodeSpec out = { MML_EPISODE_SPEC_ALL, FALSE, -1, -1, -1, -1 };
  const char *p = text;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (text == NULL || *text == '\0')
    return spec_error ("", error);

  if (g_ascii_strcasecmp (text, "all") == 0)
    {
      *spec = out;
      return TRUE;
    }

  /* "S01": a season */
  if (g_ascii_toupper (p[0]) == 'S' && g_ascii_isdigit (p[1]) && strpbrk (p, "eE") == NULL)
    {
      p++;
      if (!read_number (&p, &out.from_season) || *p != '\0')
        return spec_error (text, error);
      out.kind = MML_EPISODE_SPEC_SEASON;
      out.to_season = out.from_season;
      *spec = out;
      return TRUE;
    }

  if (g_str_has_prefix (p, ".."))
    {
      p += 2;
      if (!read_episode (&p, &out.absolute, &out.to_season, &out.to_number) || *p != '\0')
        return spec_error (text, error);
      out.kind = MML_EPISODE_SPEC_UP_TO;
      *spec = out;
      return TRUE;
    }

  if (!read_episode (&p, &out.absolute, &out.from_season, &out.from_number))
    return spec_error (text, error);
  out.kind = MML_EPISODE_SPEC_RANGE;
  out.to_season = out.from_season;
  out.to_number = out.from_number;
  if (*p == '-')
    {
      gboolean absolute = FALSE;

      p++;
      if (!read_episode (&p, &absolute, &out.to_season, &out.to_number) || absolute != out.absolute)
        return spec_error (text, error);
    }
  if (*p != '\0')
    return spec_error (text, error);

  /* a range runs forward */
  if (out.to_season < out.from_season ||
      (out.to_season == out.from_season && out.to_number < out.from_number))
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” runs backwards: write the first episode first"), shown);
      return FALSE;
    }

  *spec = out;
  return TRUE;
}

static char *
episode_text (gboolean absolute,
              int      season,
              int      number)
{
  if (absolute)
    return g_strdup_printf ("A%d", number);
  return g_strdup_printf ("S%02dE%02d", season, number);
}

char *
mml_episode_spec_to_string (const MmlEpisodeSpec *spec)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  switch (spec->kind)
    {
    case MML_EPISODE_SPEC_ALL:
      return g_strdup ("all");
    case MML_EPISODE_SPEC_SEASON:
      return g_strdup_printf ("S%02d", spec->from_season);
    case MML_EPISODE_SPEC_UP_TO:
      to = episode_text (spec->absolute, spec->to_season, spec->to_number);
      return g_strconcat ("..", to, NULL);
    case MML_EPISODE_SPEC_RANGE:
    default:
      from = episode_text (spec->absolute, spec->from_season, spec->from_number);
      if (mml_episode_spec_is_single (spec))
        return g_steal_pointer (&from);
      to = episode_text (spec->absolute, spec->to_season, spec->to_number);
      return g_strconcat (from, "-", to, NULL);
    }
}

gboolean
mml_episode_spec_is_single (const MmlEpisodeSpec *spec)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  return spec->kind == MML_EPISODE_SPEC_RANGE &&
         spec->from_season == spec->to_season &&
         spec->from_number == spec->to_number;
}
