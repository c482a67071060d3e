/* mml-naming.c — naming templates: Sonarr's tokens rendered to safe names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mml-naming.h"

/*
 * Sonarr's defaults (its NamingConfig.Default): the same file template for
 * standard and anime series, prefixed-range multi-episode names, smart
 * colon replacement.
 */
static const char * const default_templates[MML_NAMING_N_TEMPLATES] = {
  [MML_NAMING_TEMPLATE_SERIES]   = "{Series Title}",
  [MML_NAMING_TEMPLATE_SEASON]   = "Season {season}",
  [MML_NAMING_TEMPLATE_SPECIALS] = "Specials",
  [MML_NAMING_TEMPLATE_STANDARD] = "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
  [MML_NAMING_TEMPLATE_DAILY]    = "{Series Title} - {Air-Date} - {Episode Title} {Quality Full}",
  [MML_NAMING_TEMPLATE_ANIME]    = "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
};
#define DEFAULT_MULTI MML_NAMING_MULTI_PREFIXED_RANGE
#define DEFAULT_COLON MML_NAMING_COLON_SMART

static const char * const template_keys[MML_NAMING_N_TEMPLATES] = {
  "series", "season", "specials", "standard", "daily", "anime",
};

static const char * const multi_names[] = {
  "extend", "duplicate", "repeat", "scene", "range", "prefixed-range",
};

static const char * const colon_names[] = {
  "delete", "dash", "space-dash", "space-dash-space", "smart",
};

/* Characters of a Sonarr token's prefix and suffix */
#define PREFIX_CHARS "-._[( "
#define SUFFIX_CHARS "-._)] "
/* Never in literal template text */
#define ILLEGAL_CHARS "<>:\"/\\|?*"

G_DEFINE_QUARK (mml-naming-error-quark, mml_naming_error)

/* ------------------------------------------------------------ templates */

typedef enum
{
  TOK_SERIES_TITLE,
  TOK_SERIES_TITLE_YEAR,
  TOK_SERIES_CLEAN_TITLE,
  TOK_SERIES_CLEAN_TITLE_YEAR,
  TOK_SERIES_TITLE_THE,
  TOK_ORIGINAL_TITLE,
  TOK_SEASON,
  TOK_EPISODE,
  TOK_ABSOLUTE,
  TOK_EPISODE_TITLE,
  TOK_EPISODE_CLEAN_TITLE,
  TOK_AIR_DATE,
  TOK_QUALITY_FULL,
  TOK_RELEASE_GROUP,
} TokenKind;

/* Which templates a token may appear in */
#define IN_FOLDERS (1u << MML_NAMING_TEMPLATE_SERIES | 1u << MML_NAMING_TEMPLATE_SEASON \
                    | 1u << MML_NAMING_TEMPLATE_SPECIALS)
#define IN_SEASON  (1u << MML_NAMING_TEMPLATE_SEASON | 1u << MML_NAMING_TEMPLATE_SPECIALS)
#define IN_FILES   (1u << MML_NAMING_TEMPLATE_STANDARD | 1u << MML_NAMING_TEMPLATE_DAILY \
                    | 1u << MML_NAMING_TEMPLATE_ANIME)
#define IN_ALL     (IN_FOLDERS | IN_FILES)

static const struct
{
  const char *name;     /* words, lower case, one space */
  TokenKind   kind;
  guint       where;
  gboolean    number;
} token_table[] = {
  { "series title",          TOK_SERIES_TITLE,            IN_ALL,               FALSE },
  { "series titleyear",      TOK_SERIES_TITLE_YEAR,       IN_ALL,               FALSE },
  { "series cleantitle",     TOK_SERIES_CLEAN_TITLE,      IN_ALL,               FALSE },
  { "series cleantitleyear", TOK_SERIES_CLEAN_TITLE_YEAR, IN_ALL,               FALSE },
  { "series titlethe",       TOK_SERIES_TITLE_THE,        IN_ALL,               FALSE },
  { "original title",        TOK_ORIGINAL_TITLE,          IN_FILES,             FALSE },
  { "season",                TOK_SEASON,                  IN_FILES | IN_SEASON, TRUE },
  { "episode",               TOK_EPISODE,                 IN_FILES,             TRUE },
  { "absolute",              TOK_ABSOLUTE,                IN_FILES,             TRUE },
  { "episode title",         TOK_EPISODE_TITLE,           IN_FILES,             FALSE },
  { "episode cleantitle",    TOK_EPISODE_CLEAN_TITLE,     IN_FILES,             FALSE },
  { "air date",              TOK_AIR_DATE,                IN_FILES,             FALSE },
  { "quality full",          TOK_QUALITY_FULL,            IN_FILES,             FALSE },
  { "release group",         TOK_RELEASE_GROUP,           IN_FILES,             FALSE },
};

typedef enum { CASE_KEEP, CASE_LOWER, CASE_UPPER } TokenCase;

typedef struct
{
  gboolean   is_token;
  /* literal text, or the token's prefix and suffix */
  char      *text;
  char      *prefix;
  char      *suffix;
  TokenKind  kind;
  TokenCase  tcase;
  char       sep;          /* 0: none (the value keeps its spaces) */
  int        width;        /* numbers: zero padding */
  /* a season token starting "S{season}E{episode}": index of the episode
   * token and the literal between them; 0 when not a group */
  guint      group_end;
  const char *group_sep;
  /* episode tokens: the letters before an episode number ("E", "x") and
   * before the season number ("S"), for multi-episode styles */
  char       ep_letter[8];
  char       season_letter[8];
} Segment;

typedef struct
{
  GArray *segs;   /* Segment */
} Template;

static void
segment_clear (gpointer data)
{
  Segment *s = data;

  g_free (s->text);
  g_free (s->prefix);
  g_free (s->suffix);
}

static void
template_free (Template *t)
{
  if (t == NULL)
    return;
  g_array_unref (t->segs);
  g_free (t);
}

static const char *
template_label (MmlNamingTemplate which)
{
  switch (which)
    {
    case MML_NAMING_TEMPLATE_SERIES:   return _("The series folder template");
    case MML_NAMING_TEMPLATE_SEASON:   return _("The season folder template");
    case MML_NAMING_TEMPLATE_SPECIALS: return _("The specials folder name");
    case MML_NAMING_TEMPLATE_STANDARD: return _("The standard episode template");
    case MML_NAMING_TEMPLATE_DAILY:    return _("The daily episode template");
    case MML_NAMING_TEMPLATE_ANIME:    return _("The anime episode template");
    case MML_NAMING_N_TEMPLATES:
    default:                           break;
    }
  g_return_val_if_reached ("");
}

static gboolean
template_error (GError           **error,
                MmlNamingTemplate  which,
                const char        *text,
                gsize              at,
                const char        *problem)
{
  /* the position as a character count, 1-based, as a user counts */
  glong col = g_utf8_pointer_to_offset (text, text + at) + 1;

  /* TRANSLATORS: "The standard episode template, character 12: unknown token “{Foo}”." */
  g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TEMPLATE,
               _("%s, character %ld: %s."), template_label (which), col, problem);
  return FALSE;
}

static gboolean
is_alnum (char c)
{
  return g_ascii_isalnum (c);
}

/* Reads the token between braces at text[open]; FALSE with error */
static gboolean
parse_token (MmlNamingTemplate  which,
             const char        *text,
             gsize              open,
             gsize              close,
             Segment           *seg,
             GError           **error)
{
  const char *p = text + open + 1, *end = text + close;
  const char *pre_start = p, *name_start, *name_end, *q;
  g_autofree char *token_text = g_strndup (text + open, close - open + 1);
  g_autoptr(GString) key = g_string_sized_new (32);
  gboolean has_lower = FALSE, has_upper = FALSE, found = FALSE;
  char sep = 0;
  guint i;

  while (p < end && strchr (PREFIX_CHARS, *p) != NULL && *p != '\0')
    p++;
  seg->prefix = g_strndup (pre_start, p - pre_start);
  name_start = p;

  /* word [sep word] */
  while (p < end && is_alnum (*p))
    p++;
  if (p == name_start)
    goto unknown;
  q = p;
  while (q < end && (*q == ' ' || *q == '.' || *q == '_' || *q == '-'))
    q++;
  if (q > p && q < end && is_alnum (*q))
    {
      sep = *p;
      p = q;
      while (p < end && is_alnum (*p))
        p++;
    }
  name_end = p;

  for (q = name_start; q < name_end; q++)
    {
      if (g_ascii_islower (*q))
        has_lower = TRUE;
      else if (g_ascii_isupper (*q))
        has_upper = TRUE;
      if (is_alnum (*q))
        g_string_append_c (key, g_ascii_tolower (*q));
      else if (key->len > 0 && key->str[key->len - 1] != ' ')
        g_string_append_c (key, ' ');
    }
  seg->tcase = has_lower && !has_upper ? CASE_LOWER : has_upper && !has_lower ? CASE_UPPER : CASE_KEEP;
  seg->sep = sep == ' ' ? 0 : sep;
  seg->width = 1;

  for (i = 0; i < G_N_ELEMENTS (token_table); i++)
    if (strcmp (token_table[i].name, key->str) == 0)
      {
        found = TRUE;
        break;
      }
  if (!found)
    goto unknown;
  seg->kind = token_table[i].kind;

  if (p < end && *p == ':')
    {
      const char *f = ++p;

      while (p < end && *p == '0')
        p++;
      if (!token_table[i].number || p == f || p - f > 6 || (p < end && is_alnum (*p)))
        {
          g_autofree char *msg = NULL;

          /* TRANSLATORS: %s is a token such as “{season:00}” */
          msg = token_table[i].number
            ? g_strdup_printf (_("“%s” has a bad number format: write zeros for the width, as in “{season:00}”"), token_text)
            : g_strdup_printf (_("“%s” takes no format after “:”"), token_text);
          return template_error (error, which, text, open, msg);
        }
      seg->width = (int) (p - f);
    }

  q = p;
  while (p < end && strchr (SUFFIX_CHARS, *p) != NULL && *p != '\0')
    p++;
  if (p != end)
    goto unknown;
  seg->suffix = g_strndup (q, p - q);

  if (!(token_table[i].where & (1u << which)))
    {
      g_autofree char *msg = NULL;

      /* TRANSLATORS: %s is a token such as “{Episode Title}” */
      msg = g_strdup_printf (_("“%s” cannot be used here"), token_text);
      return template_error (error, which, text, open, msg);
    }
  return TRUE;

unknown:
  {
    g_autofree char *msg = g_strdup_printf (_("unknown token “%s”"), token_text);

    return template_error (error, which, text, open, msg);
  }
}

/* The trailing letters of s (at most 6), when they start a word: "S", "E", "x" */
static void
trailing_letters (const char *s,
                  char       *out,
                  gsize       out_size)
{
  gsize n = strlen (s), k = n;

  out[0] = '\0';
  while (k > 0 && g_ascii_isalpha (s[k - 1]) && n - k < out_size - 1)
    k--;
  if (k < n && (k == 0 || !g_ascii_isalnum (s[k - 1])))
    g_strlcpy (out, s + k, out_size);
}

static Template *
template_compile (MmlNamingTemplate  which,
                  const char        *text,
                  GError           **error)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, TRUE, sizeof (Segment));
  gboolean has_season = FALSE, has_episode = FALSE, has_absolute = FALSE;
  gboolean has_date = FALSE, has_series = FALSE, has_literal = FALSE;
  gsize i = 0, lit = 0, n;
  Template *t;

  g_array_set_clear_func (segs, segment_clear);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TEMPLATE,
                   _("%s is not valid UTF-8 text."), template_label (which));
      return NULL;
    }
  n = strlen (text);

  while (i <= n)
    {
      if (i == n || text[i] == '{')
        {
          if (i > lit)
            {
              Segment s = { 0 };

              s.text = g_strndup (text + lit, i - lit);
              g_array_append_val (segs, s);
              for (const char *c = s.text; *c; c++)
                if (*c != ' ')
                  has_literal = TRUE;
            }
          if (i == n)
            break;
          {
            const char *close = strchr (text + i + 1, '}');
            const char *reopen = strchr (text + i + 1, '{');
            Segment s = { 0 };

            if (close == NULL || (reopen != NULL && reopen < close))
              {
                template_error (error, which, text, i, _("“{” is not closed by “}”"));
                return NULL;
              }
            s.is_token = TRUE;
            if (!parse_token (which, text, i, close - text, &s, error))
              {
                segment_clear (&s);
                return NULL;
              }
            has_season |= s.kind == TOK_SEASON;
            has_episode |= s.kind == TOK_EPISODE;
            has_absolute |= s.kind == TOK_ABSOLUTE;
            has_date |= s.kind == TOK_AIR_DATE;
            has_series |= s.kind <= TOK_SERIES_TITLE_THE;
            g_array_append_val (segs, s);
            i = close - text + 1;
            lit = i;
            continue;
          }
        }
      if (text[i] == '}')
        {
          template_error (error, which, text, i, _("“}” has no “{” before it"));
          return NULL;
        }
      if (strchr (ILLEGAL_CHARS, text[i]) != NULL || (guchar) text[i] < 0x20)
        {
          g_autofree char *msg = NULL;

          if ((guchar) text[i] < 0x20)
            msg = g_strdup (_("control characters are not allowed in names"));
          else
            /* TRANSLATORS: %c is one of <>:"/\|?* */
            msg = g_strdup_printf (_("“%c” is not allowed in file and folder names"), text[i]);
          template_error (error, which, text, i, msg);
          return NULL;
        }
      i++;
    }

  /* What each template needs */
  {
    const char *missing = NULL;

    switch (which)
      {
      case MML_NAMING_TEMPLATE_SERIES:
        if (!has_series)
          missing = _("it needs the series’ title, such as “{Series Title}”");
        break;
      case MML_NAMING_TEMPLATE_SEASON:
        if (!has_season)
          missing = _("it needs the season number, such as “{season:00}”");
        break;
      case MML_NAMING_TEMPLATE_SPECIALS:
        if (!has_literal && !has_series && !has_season)
          missing = _("it is empty");
        break;
      case MML_NAMING_TEMPLATE_STANDARD:
        if (!has_season || !has_episode)
          missing = _("it needs the season and episode numbers, such as “S{season:00}E{episode:00}”");
        break;
      case MML_NAMING_TEMPLATE_DAILY:
        if (!has_date && !(has_season && has_episode))
          missing = _("it needs the air date, such as “{Air-Date}”");
        break;
      case MML_NAMING_TEMPLATE_ANIME:
        if (!has_absolute && !(has_season && has_episode))
          missing = _("it needs the absolute episode number, such as “{absolute:000}”, or the season and episode numbers");
        break;
      case MML_NAMING_N_TEMPLATES:
      default:
        g_assert_not_reached ();
      }
    if (missing != NULL)
      {
        /* TRANSLATORS: "The season folder template: it needs the season number, …" */
        g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TEMPLATE,
                     _("%s: %s."), template_label (which), missing);
        return NULL;
      }
  }

  /* Season + episode groups, and the letters multi-episode styles repeat */
  for (guint k = 0; k < segs->len; k++)
    {
      Segment *s = &g_array_index (segs, Segment, k);
      Segment *before = k > 0 ? &g_array_index (segs, Segment, k - 1) : NULL;

      if (!s->is_token || (s->kind != TOK_EPISODE && s->kind != TOK_SEASON))
        continue;
      if (s->kind == TOK_SEASON)
        {
          if (before != NULL && !before->is_token)
            trailing_letters (before->text, s->season_letter, sizeof s->season_letter);
          continue;
        }
      if (before != NULL && !before->is_token)
        trailing_letters (before->text, s->ep_letter, sizeof s->ep_letter);
      if (s->prefix[0] == '\0' && k >= 2 && before != NULL && !before->is_token
          && strlen (before->text) <= 3 && g_array_index (segs, Segment, k - 2).is_token
          && g_array_index (segs, Segment, k - 2).kind == TOK_SEASON
          && g_array_index (segs, Segment, k - 2).suffix[0] == '\0')
        {
          Segment *season = &g_array_index (segs, Segment, k - 2);

          season->group_end = k;
          season->group_sep = before->text;
          g_strlcpy (s->season_letter, season->season_letter, sizeof s->season_letter);
        }
      else if (s->prefix[0] == '\0' && before != NULL && before->is_token && before->kind == TOK_SEASON
               && before->suffix[0] == '\0')
        {
          before->group_end = k;
          before->group_sep = "";
          g_strlcpy (s->season_letter, before->season_letter, sizeof s->season_letter);
        }
      if (s->ep_letter[0] == '\0')
        g_strlcpy (s->ep_letter, "E", sizeof s->ep_letter);
    }

  t = g_new0 (Template, 1);
  t->segs = g_steal_pointer (&segs);
  return t;
}

/* --------------------------------------------------------------- config */

struct _MmlNamingConfig
{
  char                *templates[MML_NAMING_N_TEMPLATES];
  Template            *compiled[MML_NAMING_N_TEMPLATES];   /* NULL: bad */
  GError              *errors[MML_NAMING_N_TEMPLATES];
  MmlNamingMultiStyle  multi;
  MmlNamingColonStyle  colon;
};

const char *
mml_naming_multi_style_to_string (MmlNamingMultiStyle style)
{
  g_return_val_if_fail ((guint) style < G_N_ELEMENTS (multi_names), NULL);
  return multi_names[style];
}

gboolean
mml_naming_multi_style_from_string (const char          *str,
                                    MmlNamingMultiStyle *style)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (multi_names); i++)
    if (strcmp (str, multi_names[i]) == 0)
      {
        *style = (MmlNamingMultiStyle) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mml_naming_colon_style_to_string (MmlNamingColonStyle style)
{
  g_return_val_if_fail ((guint) style < G_N_ELEMENTS (colon_names), NULL);
  return colon_names[style];
}

gboolean
mml_naming_colon_style_from_string (const char          *str,
                                    MmlNamingColonStyle *style)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (colon_names); i++)
    if (strcmp (str, colon_names[i]) == 0)
      {
        *style = (MmlNamingColonStyle) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mml_naming_template_key (MmlNamingTemplate which)
{
  g_return_val_if_fail ((guint) which < MML_NAMING_N_TEMPLATES, NULL);
  return template_keys[which];
}

MmlNamingSeriesType
mml_naming_series_type_resolve (MmlNamingSeriesType own,
                                MmlRootKind         root_kind)
{
  if (own != MML_NAMING_SERIES_FROM_ROOT)
    return own;
  switch (root_kind)
    {
    case MML_ROOT_KIND_ANIME: return MML_NAMING_SERIES_ANIME;
    case MML_ROOT_KIND_DAILY: return MML_NAMING_SERIES_DAILY;
    case MML_ROOT_KIND_STANDARD:
    default:                  return MML_NAMING_SERIES_STANDARD;
    }
}

MmlNamingConfig *
mml_naming_config_new_default (void)
{
  MmlNamingConfig *cfg = g_new0 (MmlNamingConfig, 1);

  for (guint i = 0; i < MML_NAMING_N_TEMPLATES; i++)
    mml_naming_config_set_template (cfg, i, default_templates[i]);
  cfg->multi = DEFAULT_MULTI;
  cfg->colon = DEFAULT_COLON;
  return cfg;
}

MmlNamingConfig *
mml_naming_config_copy (const MmlNamingConfig *cfg)
{
  MmlNamingConfig *copy;

  g_return_val_if_fail (cfg != NULL, NULL);
  copy = g_new0 (MmlNamingConfig, 1);
  for (guint i = 0; i < MML_NAMING_N_TEMPLATES; i++)
    mml_naming_config_set_template (copy, i, cfg->templates[i]);
  copy->multi = cfg->multi;
  copy->colon = cfg->colon;
  return copy;
}

void
mml_naming_config_free (MmlNamingConfig *cfg)
{
  if (cfg == NULL)
    return;
  for (guint i = 0; i < MML_NAMING_N_TEMPLATES; i++)
    {
      g_free (cfg->templates[i]);
      template_free (cfg->compiled[i]);
      g_clear_error (&cfg->errors[i]);
    }
  g_free (cfg);
}

const char *
mml_naming_config_get_template (const MmlNamingConfig *cfg,
                                MmlNamingTemplate      which)
{
  g_return_val_if_fail (cfg != NULL && (guint) which < MML_NAMING_N_TEMPLATES, NULL);
  return cfg->templates[which];
}

void
mml_naming_config_set_template (MmlNamingConfig   *cfg,
                                MmlNamingTemplate  which,
                                const char        *text)
{
  g_return_if_fail (cfg != NULL && (guint) which < MML_NAMING_N_TEMPLATES);

  g_free (cfg->templates[which]);
  template_free (cfg->compiled[which]);
  g_clear_error (&cfg->errors[which]);
  cfg->templates[which] = g_strdup (text != NULL ? text : "");
  cfg->compiled[which] = template_compile (which, cfg->templates[which], &cfg->errors[which]);
}

MmlNamingMultiStyle
mml_naming_config_get_multi_style (const MmlNamingConfig *cfg)
{
  return cfg->multi;
}

void
mml_naming_config_set_multi_style (MmlNamingConfig     *cfg,
                                   MmlNamingMultiStyle  style)
{
  g_return_if_fail ((guint) style < G_N_ELEMENTS (multi_names));
  cfg->multi = style;
}

MmlNamingColonStyle
mml_naming_config_get_colon_style (const MmlNamingConfig *cfg)
{
  return cfg->colon;
}

void
mml_naming_config_set_colon_style (MmlNamingConfig     *cfg,
                                   MmlNamingColonStyle  style)
{
  g_return_if_fail ((guint) style < G_N_ELEMENTS (colon_names));
  cfg->colon = style;
}

gboolean
mml_naming_check_template (MmlNamingTemplate   which,
                           const char         *text,
                           GError            **error)
{
  Template *t;

  g_return_val_if_fail ((guint) which < MML_NAMING_N_TEMPLATES, FALSE);
  t = template_compile (which, text != NULL ? text : "", error);
  template_free (t);
  return t != NULL;
}

gboolean
mml_naming_config_validate (const MmlNamingConfig  *cfg,
                            GError                **error)
{
  g_return_val_if_fail (cfg != NULL, FALSE);
  for (guint i = 0; i < MML_NAMING_N_TEMPLATES; i++)
    if (cfg->errors[i] != NULL)
      {
        g_propagate_error (error, g_error_copy (cfg->errors[i]));
        return FALSE;
      }
  return TRUE;
}

MmlNamingConfig *
mml_naming_config_parse_file (const char  *text,
                              gsize        len,
                              GError     **error)
{
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  guint seen = 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  copy = g_strndup (text != NULL ? text : "", len);
  if (strlen (copy) != len || !g_utf8_validate (copy, -1, NULL))
    {
      g_set_error_literal (error, MML_NAMING_ERROR, MML_NAMING_ERROR_FILE,
                           _("The naming file is not UTF-8 text."));
      return NULL;
    }
  lines = g_strsplit (copy, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      char *line = lines[n], *eq, *key, *value;
      guint bit;
      int which = -1;

      if (n == 0 && g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;
      g_strchomp (line);   /* "\r", trailing spaces */
      while (*line == ' ' || *line == '\t')
        line++;
      if (*line == '\0' || *line == '#')
        continue;
      eq = strchr (line, '=');
      if (eq == NULL)
        {
          g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_FILE,
                       _("Line %u: expected “key=value”, not “%s”."), n + 1, line);
          return NULL;
        }
      *eq = '\0';
      key = g_strstrip (line);
      value = g_strstrip (eq + 1);

      for (guint k = 0; k < MML_NAMING_N_TEMPLATES; k++)
        if (strcmp (key, template_keys[k]) == 0)
          which = (int) k;
      if (which >= 0)
        bit = 1u << which;
      else if (strcmp (key, "multi") == 0)
        bit = 1u << MML_NAMING_N_TEMPLATES;
      else if (strcmp (key, "colon") == 0)
        bit = 1u << (MML_NAMING_N_TEMPLATES + 1);
      else
        {
          g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_FILE,
                       _("Line %u: unknown key “%s” (known: series, season, specials, standard, daily, anime, multi, colon)."),
                       n + 1, key);
          return NULL;
        }
      if (seen & bit)
        {
          g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_FILE,
                       _("Line %u: “%s” is set twice."), n + 1, key);
          return NULL;
        }
      seen |= bit;

      if (which >= 0)
        {
          mml_naming_config_set_template (cfg, which, value);
          if (cfg->errors[which] != NULL)
            {
              g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TEMPLATE,
                           _("Line %u: %s"), n + 1, cfg->errors[which]->message);
              return NULL;
            }
        }
      else if (strcmp (key, "multi") == 0)
        {
          if (!mml_naming_multi_style_from_string (value, &cfg->multi))
            {
              g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_FILE,
                           _("Line %u: “multi” is one of extend, duplicate, repeat, scene, range or prefixed-range, not “%s”."),
                           n + 1, value);
              return NULL;
            }
        }
      else if (!mml_naming_colon_style_from_string (value, &cfg->colon))
        {
          g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_FILE,
                       _("Line %u: “colon” is one of delete, dash, space-dash, space-dash-space or smart, not “%s”."),
                       n + 1, value);
          return NULL;
        }
    }
  return g_steal_pointer (&cfg);
}

char *
mml_naming_config_to_file (const MmlNamingConfig *cfg)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (cfg != NULL, NULL);
  for (guint i = 0; i < MML_NAMING_N_TEMPLATES; i++)
    g_string_append_printf (out, "%s=%s\n", template_keys[i], cfg->templates[i]);
  g_string_append_printf (out, "multi=%s\ncolon=%s\n", multi_names[cfg->multi], colon_names[cfg->colon]);
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------- values */

/* "&" → "and", "/" "\" → " ", punctuation out, lone "-" out, spaces collapsed */
static void
append_clean_len (GString    *out,
                  const char *s,
                  gsize       len)
{
  gsize start = out->len;
  const char *end = s != NULL ? s + len : NULL;

  for (; s != NULL && s < end && *s; s++)
    {
      if (*s == '&')
        g_string_append (out, "and");
      else if (*s == '/' || *s == '\\')
        g_string_append_c (out, ' ');
      else if (strchr ("'\"`:;,!?()[]{}<>|*~@#$%^=+", *s) == NULL)
        g_string_append_c (out, *s);
    }
  /* a lone dash between spaces */
  for (gsize i = start; i + 2 < out->len; i++)
    if (out->str[i] == ' ' && out->str[i + 1] == '-' && out->str[i + 2] == ' ')
      out->str[i + 1] = ' ';
}

static void
append_clean (GString    *out,
              const char *s)
{
  append_clean_len (out, s, s != NULL ? strlen (s) : 0);
}

/* "Title (1)", "Title, Part 2", "Title: Pt. 3" → length of "Title" */
static gsize
without_part_number (const char *t)
{
  gsize n = strlen (t), k = n;

  while (k > 0 && t[k - 1] == ' ')
    k--;
  if (k > 0 && t[k - 1] == ')')
    {
      gsize d = k - 1;

      while (d > 0 && g_ascii_isdigit (t[d - 1]))
        d--;
      if (d < k - 1 && d > 0 && t[d - 1] == '(')
        k = d - 1;
      else
        return n;
    }
  else
    {
      gsize d = k;

      while (d > 0 && g_ascii_isdigit (t[d - 1]))
        d--;
      if (d == k)
        return n;
      k = d;
      while (k > 0 && t[k - 1] == ' ')
        k--;
      if (k >= 4 && g_ascii_strncasecmp (t + k - 4, "part", 4) == 0)
        k -= 4;
      else if (k >= 3 && g_ascii_strncasecmp (t + k - 3, "pt.", 3) == 0)
        k -= 3;
      else if (k >= 2 && g_ascii_strncasecmp (t + k - 2, "pt", 2) == 0)
        k -= 2;
      else
        return n;
      if (k > 0 && g_ascii_isalnum (t[k - 1]))
        return n;
    }
  while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == ',' || t[k - 1] == ':' || t[k - 1] == '-'))
    k--;
  return k > 0 ? k : n;
}

static void
append_episode_titles (GString                *out,
                       const MmlNamingEpisode *ep,
                       gboolean                clean)
{
  guint n = MIN (ep->n_episode_titles, MAX (ep->n_episodes, 1));
  gboolean common = n > 1;
  gsize len0 = 0, start = out->len;

  if (ep->episode_titles == NULL || n == 0)
    return;
  if (n == 1)
    {
      if (clean)
        append_clean (out, ep->episode_titles[0]);
      else
        g_string_append (out, ep->episode_titles[0] ? ep->episode_titles[0] : "");
      return;
    }
  for (guint i = 0; i < n && common; i++)
    {
      const char *t = ep->episode_titles[i] ? ep->episode_titles[i] : "";
      gsize len = without_part_number (t);

      if (len == strlen (t) || t[0] == '\0')
        common = FALSE;
      else if (i == 0)
        len0 = len;
      else if (len != len0 || strncmp (t, ep->episode_titles[0], len) != 0)
        common = FALSE;
    }
  if (common)
    {
      if (clean)
        append_clean_len (out, ep->episode_titles[0], len0);
      else
        g_string_append_len (out, ep->episode_titles[0], len0);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *t = ep->episode_titles[i] ? ep->episode_titles[i] : "";

      if (t[0] == '\0')
        continue;
      if (out->len > start)
        g_string_append (out, clean ? " and " : " + ");
      if (clean)
        append_clean (out, t);
      else
        g_string_append (out, t);
    }
}

/* Series title without a "(Year)" at its end */
static gsize
title_without_year (const char *t,
                    int         year)
{
  gsize n = strlen (t);
  char tail[16];

  if (year <= 0)
    return n;
  g_snprintf (tail, sizeof tail, " (%d)", year);
  if (g_str_has_suffix (t, tail))
    return n - strlen (tail);
  return n;
}

/* The raw value of a text token */
static void
append_raw (GString                *out,
            const Segment          *s,
            const MmlNamingEpisode *ep)
{
  const char *title = ep->series_title ? ep->series_title : "";

  switch (s->kind)
    {
    case TOK_SERIES_TITLE:
      g_string_append (out, title);
      break;
    case TOK_SERIES_TITLE_YEAR:
      g_string_append_len (out, title, title_without_year (title, ep->series_year));
      if (ep->series_year > 0 && title[0] != '\0')
        g_string_append_printf (out, " (%d)", ep->series_year);
      break;
    case TOK_SERIES_CLEAN_TITLE:
    case TOK_SERIES_CLEAN_TITLE_YEAR:
      append_clean_len (out, title, s->kind == TOK_SERIES_CLEAN_TITLE ? strlen (title)
                                    : title_without_year (title, ep->series_year));
      if (s->kind == TOK_SERIES_CLEAN_TITLE_YEAR && ep->series_year > 0 && title[0] != '\0')
        g_string_append_printf (out, " %d", ep->series_year);
      break;
    case TOK_SERIES_TITLE_THE:
      {
        static const char * const articles[] = { "The ", "A ", "An " };

        for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
          {
            gsize al = strlen (articles[i]);

            if (g_ascii_strncasecmp (title, articles[i], al) == 0 && title[al] != '\0')
              {
                g_string_append_printf (out, "%s, %.*s", title + al, (int) al - 1, title);
                return;
              }
          }
        g_string_append (out, title);
      }
      break;
    case TOK_ORIGINAL_TITLE:
      g_string_append (out, ep->original_title ? ep->original_title : "");
      break;
    case TOK_EPISODE_TITLE:
    case TOK_EPISODE_CLEAN_TITLE:
      append_episode_titles (out, ep, s->kind == TOK_EPISODE_CLEAN_TITLE);
      break;
    case TOK_QUALITY_FULL:
      g_string_append (out, ep->quality_full ? ep->quality_full : "");
      break;
    case TOK_RELEASE_GROUP:
      g_string_append (out, ep->release_group ? ep->release_group : "");
      break;
    case TOK_SEASON:
    case TOK_EPISODE:
    case TOK_ABSOLUTE:
    case TOK_AIR_DATE:
    default:
      g_assert_not_reached ();
    }
}

/* Illegal characters replaced, control characters out, spaces collapsed
 * and trimmed: in place from @start */
static void
make_safe (GString             *s,
           gsize                start,
           MmlNamingColonStyle  colon,
           GString             *out)   /* scratch */
{
  const char *p;

  g_string_truncate (out, 0);
  for (p = s->str + start; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case ':':
          switch (colon)
            {
            case MML_NAMING_COLON_DELETE:
              break;
            case MML_NAMING_COLON_DASH:
              g_string_append_c (out, '-');
              break;
            case MML_NAMING_COLON_SPACE_DASH:
              g_string_append (out, " -");
              break;
            case MML_NAMING_COLON_SPACE_DASH_SPACE:
              g_string_append (out, " - ");
              break;
            case MML_NAMING_COLON_SMART:
            default:
              if (p[1] == ' ' || (out->len > 0 && out->str[out->len - 1] == ' '))
                g_string_append (out, " - ");
              else
                g_string_append_c (out, '-');
              break;
            }
          break;
        case '\\':
        case '/':
          g_string_append_c (out, '+');
          break;
        case '?':
          g_string_append_c (out, '!');
          break;
        case '*':
          g_string_append_c (out, '-');
          break;
        case '<': case '>': case '|': case '"':
          break;
        case '\t': case '\n': case '\r':
          g_string_append_c (out, ' ');
          break;
        default:
          if (c >= 0x20 && c != 0x7f)
            g_string_append_c (out, c);
          break;
        }
    }

  /* collapse and trim spaces */
  g_string_truncate (s, start);
  for (gsize i = 0; i < out->len; i++)
    {
      char c = out->str[i];

      if (c == ' ' && (s->len == start || s->str[s->len - 1] == ' '))
        continue;
      g_string_append_c (s, c);
    }
  while (s->len > start && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
}

/* Cut s (from start) to at most budget bytes on a character boundary and
 * end it in "…"; budget 0 empties it */
static void
shorten (GString *s,
         gsize    start,
         gsize    budget)
{
  gsize len = s->len - start;
  const char *base = s->str + start;
  gsize cut;

  if (len <= budget)
    return;
  if (budget < 4)
    {
      g_string_truncate (s, start);
      return;
    }
  cut = budget - 3;   /* "…" is three bytes */
  while (cut > 0 && (base[cut] & 0xC0) == 0x80)
    cut--;
  while (cut > 0 && strchr (" .,-_:;+", base[cut - 1]) != NULL)
    cut--;
  g_string_truncate (s, start + cut);
  if (cut > 0)
    g_string_append (s, "…");
}

typedef struct
{
  const MmlNamingConfig  *cfg;
  const MmlNamingEpisode *ep;
  int                     season;         /* the season shown */
  gssize                  title_budget;   /* bytes of episode title; -1: no limit */
  gsize                   title_len;      /* out: bytes the episode titles took */
  GString                *scratch;        /* make_safe()'s */
} Render;

/* printf's "%0*d" */
static void
append_number (GString *out,
               int      v,
               int      width)
{
  char digits[16];
  int n = 0;

  if (v < 0 || width > 12)
    {
      g_string_append_printf (out, "%0*d", width, v);
      return;
    }
  do
    digits[n++] = (char) ('0' + v % 10);
  while ((v /= 10) > 0);
  for (int pad = width - n; pad > 0; pad--)
    g_string_append_c (out, '0');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

static gboolean
contiguous (const int *v,
            guint      n)
{
  for (guint i = 1; i < n; i++)
    if (v[i] != v[i - 1] + 1)
      return FALSE;
  return TRUE;
}

/* "S{season}E{episode}" or "{episode}" with the other episodes as the style says */
static void
append_episodes (GString       *out,
                 Render        *r,
                 const Segment *season,   /* NULL: no season in the group */
                 const Segment *episode)
{
  const MmlNamingEpisode *ep = r->ep;
  MmlNamingMultiStyle style = r->cfg->multi;
  guint n = ep->n_episodes;

  if (season != NULL && r->season >= 0)
    {
      append_number (out, r->season, season->width);
      g_string_append (out, season->group_sep);
    }
  append_number (out, ep->episodes[0], episode->width);
  if (n < 2)
    return;

  if (style == MML_NAMING_MULTI_RANGE || style == MML_NAMING_MULTI_PREFIXED_RANGE)
    {
      if (contiguous (ep->episodes, n))
        {
          g_string_append_c (out, '-');
          if (style == MML_NAMING_MULTI_PREFIXED_RANGE)
            g_string_append (out, episode->ep_letter);
          append_number (out, ep->episodes[n - 1], episode->width);
          return;
        }
      /* a gap cannot be a range; the parser reads "E01-02-04" as 1 to 4 */
      style = MML_NAMING_MULTI_REPEAT;
    }
  for (guint i = 1; i < n; i++)
    {
      switch (style)
        {
        case MML_NAMING_MULTI_EXTEND:
          g_string_append_c (out, '-');
          break;
        case MML_NAMING_MULTI_DUPLICATE:
          g_string_append_c (out, '.');
          if (season != NULL && r->season >= 0)
            {
              g_string_append (out, season->season_letter);
              append_number (out, r->season, season->width);
              g_string_append (out, season->group_sep);
            }
          else
            g_string_append (out, episode->ep_letter);
          break;
        case MML_NAMING_MULTI_REPEAT:
          g_string_append (out, episode->ep_letter);
          break;
        case MML_NAMING_MULTI_SCENE:
        case MML_NAMING_MULTI_RANGE:
        case MML_NAMING_MULTI_PREFIXED_RANGE:
        default:
          g_string_append_c (out, '-');
          g_string_append (out, episode->ep_letter);
          break;
        }
      append_number (out, ep->episodes[i], episode->width);
    }
}

/* Absolute numbers: a run as a range in every style ("001-003"), since
 * the parser reads at most two numbers of "001-002-003"; else each one */
static void
append_absolute (GString       *out,
                 Render        *r,
                 const Segment *s)
{
  const MmlNamingEpisode *ep = r->ep;
  guint n = ep->n_absolute;

  append_number (out, ep->absolute[0], s->width);
  if (n > 1 && contiguous (ep->absolute, n))
    {
      g_string_append_c (out, '-');
      append_number (out, ep->absolute[n - 1], s->width);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      g_string_append_c (out, '-');
      append_number (out, ep->absolute[i], s->width);
    }
}

static void
apply_case_and_sep (GString       *out,
                    gsize          start,
                    const Segment *s)
{
  if (s->sep != 0)
    for (gsize i = start; i < out->len; i++)
      if (out->str[i] == ' ')
        out->str[i] = s->sep;
  if (s->tcase != CASE_KEEP)
    {
      gboolean ascii = TRUE;

      for (gsize i = start; i < out->len && ascii; i++)
        ascii = (guchar) out->str[i] < 0x80;
      if (ascii)
        {
          for (gsize i = start; i < out->len; i++)
            out->str[i] = s->tcase == CASE_LOWER ? g_ascii_tolower (out->str[i])
                                                 : g_ascii_toupper (out->str[i]);
        }
      else
        {
          g_autofree char *v = s->tcase == CASE_LOWER
            ? g_utf8_strdown (out->str + start, out->len - start)
            : g_utf8_strup (out->str + start, out->len - start);

          g_string_truncate (out, start);
          g_string_append (out, v);
        }
    }
}

static void
render_template (const Template *t,
                 Render         *r,
                 GString        *out)
{
  const MmlNamingEpisode *ep = r->ep;

  r->title_len = 0;
  for (guint k = 0; k < t->segs->len; k++)
    {
      const Segment *s = &g_array_index (t->segs, Segment, k);
      gsize start, value_start;

      if (!s->is_token)
        {
          g_string_append (out, s->text);
          continue;
        }

      start = out->len;
      g_string_append (out, s->prefix);
      value_start = out->len;
      switch (s->kind)
        {
        case TOK_SEASON:
          if (s->group_end > 0 && ep->n_episodes > 0)
            {
              append_episodes (out, r, s, &g_array_index (t->segs, Segment, s->group_end));
              k = s->group_end;
            }
          else if (r->season >= 0)
            append_number (out, r->season, s->width);
          break;
        case TOK_EPISODE:
          if (ep->n_episodes > 0)
            append_episodes (out, r, NULL, s);
          break;
        case TOK_ABSOLUTE:
          if (ep->n_absolute > 0)
            append_absolute (out, r, s);
          break;
        case TOK_AIR_DATE:
          if (ep->air_year > 0 && ep->air_month > 0 && ep->air_day > 0)
            {
              char sep = s->sep ? s->sep : ' ';

              g_string_append_printf (out, "%04d%c%02d%c%02d", ep->air_year, sep,
                                      ep->air_month, sep, ep->air_day);
            }
          break;
        case TOK_SERIES_TITLE:
        case TOK_SERIES_TITLE_YEAR:
        case TOK_SERIES_CLEAN_TITLE:
        case TOK_SERIES_CLEAN_TITLE_YEAR:
        case TOK_SERIES_TITLE_THE:
        case TOK_ORIGINAL_TITLE:
        case TOK_EPISODE_TITLE:
        case TOK_EPISODE_CLEAN_TITLE:
        case TOK_QUALITY_FULL:
        case TOK_RELEASE_GROUP:
        default:
          append_raw (out, s, ep);
          make_safe (out, value_start, r->cfg->colon, r->scratch);
          apply_case_and_sep (out, value_start, s);
          if (s->kind == TOK_EPISODE_TITLE || s->kind == TOK_EPISODE_CLEAN_TITLE)
            {
              if (r->title_budget >= 0)
                shorten (out, value_start, (gsize) r->title_budget);
              r->title_len += out->len - value_start;
            }
          break;
        }
      if (out->len == value_start)
        g_string_truncate (out, start);   /* empty: no prefix, no suffix */
      else
        g_string_append (out, s->suffix);
    }
}

/* Runs of spaces, empty brackets, repeated " - ", and separators at the ends */
static void
tidy (GString *s)
{
  gsize w = 0;
  gboolean again = TRUE;

  for (gsize i = 0; i < s->len; i++)
    {
      if (s->str[i] == ' ' && (w == 0 || s->str[w - 1] == ' '))
        continue;
      s->str[w++] = s->str[i];
    }
  g_string_truncate (s, w);

  while (again)
    {
      char *hit;

      again = FALSE;
      if ((hit = strstr (s->str, "()")) != NULL || (hit = strstr (s->str, "[]")) != NULL
          || (hit = strstr (s->str, "( )")) != NULL || (hit = strstr (s->str, "[ ]")) != NULL)
        {
          gsize len = hit[1] == ' ' ? 3 : 2;

          g_string_erase (s, hit - s->str, len);
          again = TRUE;
        }
      else if ((hit = strstr (s->str, " - - ")) != NULL)
        {
          g_string_erase (s, hit - s->str, 2);
          again = TRUE;
        }
      else if ((hit = strstr (s->str, "  ")) != NULL)
        {
          g_string_erase (s, hit - s->str, 1);
          again = TRUE;
        }
    }

  while (s->len > 0 && strchr (" .-_", s->str[s->len - 1]) != NULL)
    g_string_truncate (s, s->len - 1);
  {
    gsize lead = 0;

    while (lead < s->len && strchr (" .-_", s->str[lead]) != NULL)
      lead++;
    g_string_erase (s, 0, lead);
  }
}

static const Template *
get_template (const MmlNamingConfig  *cfg,
              MmlNamingTemplate       which,
              GError                **error)
{
  if (cfg->compiled[which] == NULL)
    {
      g_propagate_error (error, g_error_copy (cfg->errors[which]));
      return NULL;
    }
  return cfg->compiled[which];
}

/* A folder name into @out: rendered, tidied, no "..", within 255 bytes */
static gboolean
render_folder (const MmlNamingConfig   *cfg,
               const MmlNamingEpisode  *ep,
               MmlNamingTemplate        which,
               int                      season,
               GString                 *out,
               GString                 *scratch,
               GError                 **error)
{
  const Template *t = get_template (cfg, which, error);
  Render r = { cfg, ep, season, -1, 0, scratch };
  char *dots;

  if (t == NULL)
    return FALSE;
  g_string_truncate (out, 0);
  render_template (t, &r, out);
  tidy (out);
  while ((dots = strstr (out->str, "..")) != NULL)
    g_string_erase (out, dots - out->str, 1);
  if (out->len > MML_NAMING_MAX_NAME)
    {
      shorten (out, 0, MML_NAMING_MAX_NAME);
      tidy (out);
    }
  if (out->len == 0)
    {
      g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_INPUT,
                   _("%s gives an empty name for this series."), template_label (which));
      return FALSE;
    }
  return TRUE;
}

/* The template and the season a season folder is rendered with */
static gboolean
season_folder_template (const MmlNamingEpisode  *ep,
                        MmlNamingTemplate       *which,
                        int                     *season,
                        GError                 **error)
{
  MmlNamingSeriesType type = mml_naming_series_type_resolve (ep->series_type, ep->root_kind);

  if (type == MML_NAMING_SERIES_DAILY && ep->air_year > 0)
    {
      *which = MML_NAMING_TEMPLATE_SEASON;
      *season = ep->air_year;
    }
  else if (ep->season == 0)
    {
      *which = MML_NAMING_TEMPLATE_SPECIALS;
      *season = 0;
    }
  else if (ep->season < 0)
    {
      g_set_error_literal (error, MML_NAMING_ERROR, MML_NAMING_ERROR_INPUT,
                           _("The episode has no season, so it has no season folder."));
      return FALSE;
    }
  else
    {
      *which = MML_NAMING_TEMPLATE_SEASON;
      *season = ep->season;
    }
  return TRUE;
}

/* The episode's file name into @out */
static gboolean
render_file (const MmlNamingConfig   *cfg,
             const MmlNamingEpisode  *ep,
             GString                 *out,
             GString                 *scratch,
             GError                 **error)
{
  MmlNamingTemplate which = MML_NAMING_TEMPLATE_STANDARD;
  const Template *t;
  const char *ext;
  gsize ext_len, room, limit;
  Render r;

  switch (mml_naming_series_type_resolve (ep->series_type, ep->root_kind))
    {
    case MML_NAMING_SERIES_DAILY:
      if (ep->air_year > 0)
        which = MML_NAMING_TEMPLATE_DAILY;
      break;
    case MML_NAMING_SERIES_ANIME:
      if (ep->n_absolute > 0)
        which = MML_NAMING_TEMPLATE_ANIME;
      break;
    case MML_NAMING_SERIES_STANDARD:
    case MML_NAMING_SERIES_FROM_ROOT:
    default:
      break;
    }
  t = get_template (cfg, which, error);
  if (t == NULL)
    return FALSE;

  ext = ep->extension != NULL ? ep->extension : "";
  if (ext[0] == '.')
    ext++;
  ext_len = strlen (ext);
  for (gsize i = 0; i < ext_len; i++)
    if (!g_ascii_isalnum (ext[i]) || ext_len > 16)
      {
        g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_INPUT,
                     _("“%s” cannot be a file extension."), ext);
        return FALSE;
      }
  /* what follows the stem: the extension, or a longer name sharing the
   * stem (a sidecar's ".en.forced.srt") */
  room = MAX (ext_len > 0 ? ext_len + 1 : 0, ep->stem_suffix_max);
  if (room >= MML_NAMING_MAX_NAME)
    {
      g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TOO_LONG,
                   _("The file name would be longer than %d bytes even without the episode title."),
                   MML_NAMING_MAX_NAME);
      return FALSE;
    }
  limit = MML_NAMING_MAX_NAME - room;

  r = (Render) { cfg, ep, ep->season, -1, 0, scratch };
  for (int attempt = 0; ; attempt++)
    {
      g_string_truncate (out, 0);
      render_template (t, &r, out);
      tidy (out);
      if (out->len <= limit)
        break;
      if (r.title_len == 0 || attempt >= 4)
        {
          g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TOO_LONG,
                       _("The file name would be longer than %d bytes even without the episode title."),
                       MML_NAMING_MAX_NAME);
          return FALSE;
        }
      r.title_budget = (gssize) r.title_len - (gssize) (out->len - limit);
      if (r.title_budget < 0 || attempt >= 2)
        r.title_budget = MAX (0, r.title_budget - 4 * attempt);
    }
  if (out->len == 0)
    {
      g_set_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_INPUT,
                   _("%s gives an empty name for this episode."), template_label (which));
      return FALSE;
    }
  if (ext_len > 0)
    {
      g_string_append_c (out, '.');
      g_string_append (out, ext);
    }
  return TRUE;
}

/* @out's string, or NULL (freeing @out) */
static char *
string_or_null (GString  *out,
                gboolean  ok)
{
  return g_string_free (out, !ok);
}

char *
mml_naming_render_series_folder (const MmlNamingConfig   *cfg,
                                 const MmlNamingEpisode  *ep,
                                 GError                 **error)
{
  g_autoptr(GString) scratch = NULL;
  GString *out;

  g_return_val_if_fail (cfg != NULL && ep != NULL, NULL);
  scratch = g_string_sized_new (64);
  out = g_string_sized_new (64);
  return string_or_null (out, render_folder (cfg, ep, MML_NAMING_TEMPLATE_SERIES, ep->season, out, scratch,
                                             error));
}

char *
mml_naming_render_season_folder (const MmlNamingConfig   *cfg,
                                 const MmlNamingEpisode  *ep,
                                 GError                 **error)
{
  g_autoptr(GString) scratch = NULL;
  MmlNamingTemplate which;
  int season;
  GString *out;

  g_return_val_if_fail (cfg != NULL && ep != NULL, NULL);
  if (!season_folder_template (ep, &which, &season, error))
    return NULL;
  scratch = g_string_sized_new (64);
  out = g_string_sized_new (64);
  return string_or_null (out, render_folder (cfg, ep, which, season, out, scratch, error));
}

char *
mml_naming_render_file (const MmlNamingConfig   *cfg,
                        const MmlNamingEpisode  *ep,
                        GError                 **error)
{
  g_autoptr(GString) scratch = NULL;
  GString *out;

  g_return_val_if_fail (cfg != NULL && ep != NULL, NULL);
  scratch = g_string_sized_new (64);
  out = g_string_sized_new (128);
  return string_or_null (out, render_file (cfg, ep, out, scratch, error));
}

/* ------------------------------------------------------------- renderer */

struct _MmlNamingRenderer
{
  MmlNamingConfig   *cfg;       /* our copy: its templates compiled once */
  GString           *file;
  GString           *series;
  GString           *season;
  GString           *scratch;
  /* what the folder names in @series and @season were rendered from:
   * they depend on nothing else of an episode */
  gboolean           series_ok;
  char              *series_title;
  int                series_year;
  gboolean           season_ok;
  char              *season_title;
  int                season_year;
  MmlNamingTemplate  season_which;
  int                season_shown;
};

MmlNamingRenderer *
mml_naming_renderer_new (const MmlNamingConfig *cfg)
{
  MmlNamingRenderer *self;

  g_return_val_if_fail (cfg != NULL, NULL);
  self = g_new0 (MmlNamingRenderer, 1);
  self->cfg = mml_naming_config_copy (cfg);
  self->file = g_string_sized_new (256);
  self->series = g_string_sized_new (128);
  self->season = g_string_sized_new (64);
  self->scratch = g_string_sized_new (256);
  return self;
}

void
mml_naming_renderer_free (MmlNamingRenderer *self)
{
  if (self == NULL)
    return;
  mml_naming_config_free (self->cfg);
  g_string_free (self->file, TRUE);
  g_string_free (self->series, TRUE);
  g_string_free (self->season, TRUE);
  g_string_free (self->scratch, TRUE);
  g_free (self->series_title);
  g_free (self->season_title);
  g_free (self);
}

const char *
mml_naming_renderer_file (MmlNamingRenderer       *self,
                          const MmlNamingEpisode  *ep,
                          GError                 **error)
{
  g_return_val_if_fail (self != NULL && ep != NULL, NULL);
  return render_file (self->cfg, ep, self->file, self->scratch, error) ? self->file->str : NULL;
}

const char *
mml_naming_renderer_series_folder (MmlNamingRenderer       *self,
                                   const MmlNamingEpisode  *ep,
                                   GError                 **error)
{
  g_return_val_if_fail (self != NULL && ep != NULL, NULL);
  if (self->series_ok && self->series_year == ep->series_year
      && g_strcmp0 (self->series_title, ep->series_title) == 0)
    return self->series->str;
  self->series_ok = render_folder (self->cfg, ep, MML_NAMING_TEMPLATE_SERIES, ep->season, self->series,
                                   self->scratch, error);
  if (!self->series_ok)
    return NULL;
  if (g_strcmp0 (self->series_title, ep->series_title) != 0)
    {
      g_free (self->series_title);
      self->series_title = g_strdup (ep->series_title);
    }
  self->series_year = ep->series_year;
  return self->series->str;
}

const char *
mml_naming_renderer_season_folder (MmlNamingRenderer       *self,
                                   const MmlNamingEpisode  *ep,
                                   GError                 **error)
{
  MmlNamingTemplate which;
  int season;

  g_return_val_if_fail (self != NULL && ep != NULL, NULL);
  if (!season_folder_template (ep, &which, &season, error))
    return NULL;
  if (self->season_ok && self->season_which == which && self->season_shown == season
      && self->season_year == ep->series_year && g_strcmp0 (self->season_title, ep->series_title) == 0)
    return self->season->str;
  self->season_ok = render_folder (self->cfg, ep, which, season, self->season, self->scratch, error);
  if (!self->season_ok)
    return NULL;
  if (g_strcmp0 (self->season_title, ep->series_title) != 0)
    {
      g_free (self->season_title);
      self->season_title = g_strdup (ep->series_title);
    }
  self->season_year = ep->series_year;
  self->season_which = which;
  self->season_shown = season;
  return self->season->str;
}

/* ------------------------------------------------------------- examples */

static const int example_episodes[] = { 1, 2, 3 };
static const int example_absolute[] = { 1, 2, 3 };
static const char * const example_titles[] = {
  "Episode Title (1)", "Episode Title (2)", "Episode Title (3)",
};

const MmlNamingEpisode *
mml_naming_example_episode (MmlNamingSeriesType type,
                            gboolean            multi)
{
  static MmlNamingEpisode examples[4][2];
  static gsize init = 0;

  if (g_once_init_enter (&init))
    {
      for (guint t = 0; t < 4; t++)
        for (guint m = 0; m < 2; m++)
          {
            MmlNamingEpisode *e = &examples[t][m];

            e->series_title = "The Series Title!";
            e->series_year = 2010;
            e->original_title = "The.Series.Title!.S01E01.720p.HDTV.x264-RlsGrp";
            e->season = 1;
            e->episodes = example_episodes;
            e->n_episodes = m ? 3 : 1;
            e->episode_titles = example_titles;
            e->n_episode_titles = m ? 3 : 1;
            e->quality_full = "HDTV-720p Proper";
            e->release_group = "RlsGrp";
            e->extension = "mkv";
            e->series_type = t == 0 ? MML_NAMING_SERIES_STANDARD : (MmlNamingSeriesType) t;
            if (t == MML_NAMING_SERIES_ANIME)
              {
                e->absolute = example_absolute;
                e->n_absolute = e->n_episodes;
              }
            if (t == MML_NAMING_SERIES_DAILY)
              {
                e->season = 2013;
                e->air_year = 2013;
                e->air_month = 10;
                e->air_day = 30;
                e->n_episodes = 1;
                e->n_episode_titles = 1;
                e->episodes = example_episodes;
              }
          }
      g_once_init_leave (&init, 1);
    }
  g_return_val_if_fail ((guint) type < 4, NULL);
  return &examples[type][multi ? 1 : 0];
}
