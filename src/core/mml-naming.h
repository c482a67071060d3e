/* mml-naming.h — naming templates: the names the organiser gives series
 * folders, season folders and episode files
 *
 * Templates use Sonarr's tokens, so users can paste what they already use:
 *
 *   {Series Title}            The Series Title!
 *   {Series TitleYear}        The Series Title! (2010)   (the year once, none when unknown)
 *   {Series CleanTitle}       The Series Title           (see "clean" below)
 *   {Series CleanTitleYear}   The Series Title 2010
 *   {Series TitleThe}         Series Title!, The         (also "A", "An")
 *   {Original Title}          the name the file had (release name)
 *   {season:0} {season:00}    1, 01: zeros give the width (up to 6)
 *   {episode:0} {episode:00}  1, 01
 *   {absolute:000}            001
 *   {Episode Title}           Episode Title (1)
 *   {Episode CleanTitle}      Episode Title 1
 *   {Air-Date} {Air Date}     2013-10-30, 2013 10 30
 *   {Quality Full}            HDTV-720p Proper (as given)
 *   {Release Group}           RlsGrp
 *
 * Variants, as in Sonarr:
 *   - case: a token written all in lower case gives its value in lower case
 *     ({series title}), all in upper case in upper case ({SERIES TITLE});
 *     otherwise the value keeps its case;
 *   - separator: the character between a token's two words replaces the
 *     spaces of its value ({Series.Title} → The.Series.Title!, {Air_Date}
 *     → 2013_10_30); one of ' ', '.', '_', '-';
 *   - prefix and suffix: characters of "-._[( " before a token's name and of
 *     "-._)] " after it are written around its value, and dropped with it
 *     when the value is empty: {-Release Group} → "-RlsGrp" or nothing,
 *     {[Quality Full]} → "[HDTV-720p]" or nothing.
 *
 * Token names are matched case-insensitively and by their words
 * ("series titleyear" = "Series TitleYear").
 *
 * An episode token right after a season token and a short separator
 * ("S{season:00}E{episode:00}", "{season}x{episode:00}") forms the numbering
 * a multi-episode file repeats in its style (episodes 1, 2, 3):
 *
 *   extend          S01E01-02-03
 *   duplicate       S01E01.S01E02.S01E03
 *   repeat          S01E01E02E03
 *   scene           S01E01-E02-E03
 *   range           S01E01-03       (episodes not in one run: as repeat)
 *   prefixed-range  S01E01-E03      (episodes not in one run: as repeat)
 *
 * Episodes not in one run (1, 2, 4) in extend or scene style read back as a
 * range (1 to 4): the parser takes "E01-02-04" and "E01-E02-E04" as ranges.
 *
 * {absolute} is "001-003" for numbers in one run, whatever the style (the
 * parser reads no more than two numbers of "001-002-003"), else "001-002-004".  {Episode Title} of several episodes is their common title
 * when they differ only by a part number — "Title (1)", "Title (2)" and
 * "Title, Part 3" → "Title" — else the titles joined by " + ";
 * {Episode CleanTitle} joins clean titles with " and ".
 *
 * Clean: "&" becomes "and", "/" and "\" a space, and the characters
 * ' " ` : ; , ! ? ( ) [ ] { } < > | * ~ @ # $ % ^ = + are removed, as is a
 * lone "-" between spaces; spaces are collapsed.
 *
 * Every value is made safe for FAT, NTFS and SMB: control characters are
 * removed, ":" is replaced as the colon style says (delete "A B", dash "A-
 * B", space-dash "A - B", space-dash-space "A - B", smart: " - " where the
 * colon touches a space, else "-": "A: B" → "A - B", "10:30" → "10-30"),
 * and \ / → "+", ? → "!", * → "-", < > | " → removed.  Literal text of a
 * template may not hold any of <>:"/\|? *.  A rendered name has its runs of
 * spaces collapsed, empty "()", "[]" and repeated " - " removed, and no
 * leading or trailing space, dot, dash or underscore.  A file name
 * (extension included) longer than 255 bytes is shortened in its episode
 * title, which then ends in "…" (never cut inside a UTF-8 character); the
 * numbering and the extension are never cut.  With stem_suffix_max the
 * stem is kept short enough for a longer suffix than the extension, so a
 * sidecar named stem + suffix still fits.
 *
 * Which file template: a series is standard, daily or anime as its root's
 * kind says unless it has a type of its own.  A daily episode without an
 * air date, and an anime episode without absolute numbers, use the
 * standard template.  Season 0 goes to the specials folder; a daily
 * series' season folder is its year (the season template with the year as
 * the season: "Season 2013").
 *
 * Template files (the CLI's --naming): key=value lines, a line starting
 * with "#" is a comment (only at the start of a line: "#" may appear in a
 * template), blank lines are skipped:
 *
 *   series=…  season=…  specials=…  standard=…  daily=…  anime=…
 *   multi=extend|duplicate|repeat|scene|range|prefixed-range
 *   colon=delete|dash|space-dash|space-dash-space|smart
 *
 * Keys left out keep Sonarr's defaults (mml_naming_config_new_default()).
 *
 * A config is plain data: rendering does not change it, so one config may
 * render on several threads at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mml-types.h"

G_BEGIN_DECLS

typedef enum
{
  MML_NAMING_MULTI_EXTEND,
  MML_NAMING_MULTI_DUPLICATE,
  MML_NAMING_MULTI_REPEAT,
  MML_NAMING_MULTI_SCENE,
  MML_NAMING_MULTI_RANGE,
  MML_NAMING_MULTI_PREFIXED_RANGE,
} MmlNamingMultiStyle;

typedef enum
{
  MML_NAMING_COLON_DELETE,
  MML_NAMING_COLON_DASH,
  MML_NAMING_COLON_SPACE_DASH,
  MML_NAMING_COLON_SPACE_DASH_SPACE,
  MML_NAMING_COLON_SMART,
} MmlNamingColonStyle;

typedef enum
{
  MML_NAMING_TEMPLATE_SERIES,     /* the series folder */
  MML_NAMING_TEMPLATE_SEASON,     /* a season folder */
  MML_NAMING_TEMPLATE_SPECIALS,   /* the season 0 folder */
  MML_NAMING_TEMPLATE_STANDARD,   /* episode files */
  MML_NAMING_TEMPLATE_DAILY,
  MML_NAMING_TEMPLATE_ANIME,
  MML_NAMING_N_TEMPLATES
} MmlNamingTemplate;

typedef enum
{
  MML_NAMING_SERIES_FROM_ROOT,    /* as the root's kind says */
  MML_NAMING_SERIES_STANDARD,
  MML_NAMING_SERIES_DAILY,
  MML_NAMING_SERIES_ANIME,
} MmlNamingSeriesType;

#define MML_NAMING_ERROR (mml_naming_error_quark ())

typedef enum
{
  MML_NAMING_ERROR_FILE,       /* a template file: bad line, unknown key, bad value */
  MML_NAMING_ERROR_TEMPLATE,   /* a template: unknown token, unbalanced braces, … */
  MML_NAMING_ERROR_TOO_LONG,   /* no name within 255 bytes, even without the episode title */
  MML_NAMING_ERROR_INPUT,      /* the episode cannot be named: no extension allowed, … */
} MmlNamingError;

/* Longest name, in bytes, of a file or folder on the file systems we write to */
#define MML_NAMING_MAX_NAME 255

typedef struct _MmlNamingConfig MmlNamingConfig;

/*
 * What a name is made of.  Strings are UTF-8 and may be NULL ("" alike);
 * numbers < 0 (season) or 0 (year, air date) are unknown.
 */
typedef struct
{
  const char          *series_title;
  int                  series_year;
  const char          *original_title;    /* {Original Title}: the release's name */
  int                  season;            /* -1: none; 0: specials */
  const int           *episodes;          /* sorted */
  guint                n_episodes;
  const int           *absolute;          /* sorted */
  guint                n_absolute;
  int                  air_year, air_month, air_day;
  const char * const  *episode_titles;    /* one per episode (NULL entries allowed) */
  guint                n_episode_titles;
  const char          *quality_full;      /* "HDTV-720p Proper" */
  const char          *release_group;
  const char          *extension;         /* "mkv" or ".mkv"; NULL: none */
  MmlNamingSeriesType  series_type;       /* the series' own type, or FROM_ROOT */
  MmlRootKind          root_kind;         /* read when series_type is FROM_ROOT */
  /* bytes the longest name sharing the file's stem puts after it (a
   * sidecar's ".en.forced.srt"): a file name that must be shortened is
   * shortened so that name fits in 255 bytes too; 0: only the extension */
  gsize                stem_suffix_max;
} MmlNamingEpisode;

GQuark               mml_naming_error_quark          (void);

const char          *mml_naming_multi_style_to_string   (MmlNamingMultiStyle  style);
gboolean             mml_naming_multi_style_from_string (const char          *str,
                                                         MmlNamingMultiStyle *style);
const char          *mml_naming_colon_style_to_string   (MmlNamingColonStyle  style);
gboolean             mml_naming_colon_style_from_string (const char          *str,
                                                         MmlNamingColonStyle *style);
/* The key of a template in template files: "series", "season", … */
const char          *mml_naming_template_key         (MmlNamingTemplate    which);

/* STANDARD, DAILY or ANIME: the series' own type, else its root's kind */
MmlNamingSeriesType  mml_naming_series_type_resolve  (MmlNamingSeriesType  own,
                                                      MmlRootKind          root_kind);

/* Sonarr's defaults (see mml-naming.c) */
MmlNamingConfig     *mml_naming_config_new_default   (void);
MmlNamingConfig     *mml_naming_config_copy          (const MmlNamingConfig *cfg);
void                 mml_naming_config_free          (MmlNamingConfig     *cfg);

/* A template file (see above) on top of the defaults; NULL with
 * MML_NAMING_ERROR_FILE or _TEMPLATE and the line number in the message */
MmlNamingConfig     *mml_naming_config_parse_file    (const char          *text,
                                                      gsize                len,
                                                      GError             **error);
/* The config as a template file that mml_naming_config_parse_file() reads back */
char                *mml_naming_config_to_file       (const MmlNamingConfig *cfg);

/* Every template is good; else the first problem, one sentence naming the
 * template and the character where it is (MML_NAMING_ERROR_TEMPLATE) */
gboolean             mml_naming_config_validate      (const MmlNamingConfig *cfg,
                                                      GError             **error);
/* One template, before it is set (Settings, as the user types) */
gboolean             mml_naming_check_template       (MmlNamingTemplate    which,
                                                      const char          *text,
                                                      GError             **error);

const char          *mml_naming_config_get_template  (const MmlNamingConfig *cfg,
                                                      MmlNamingTemplate    which);
/* Any text; a bad one makes validate and render fail until it is replaced */
void                 mml_naming_config_set_template  (MmlNamingConfig     *cfg,
                                                      MmlNamingTemplate    which,
                                                      const char          *text);
MmlNamingMultiStyle  mml_naming_config_get_multi_style (const MmlNamingConfig *cfg);
void                 mml_naming_config_set_multi_style (MmlNamingConfig     *cfg,
                                                        MmlNamingMultiStyle  style);
MmlNamingColonStyle  mml_naming_config_get_colon_style (const MmlNamingConfig *cfg);
void                 mml_naming_config_set_colon_style (MmlNamingConfig     *cfg,
                                                        MmlNamingColonStyle  style);

/*
 * The names, newly allocated; NULL with an error when the template needed is
 * bad or the name cannot be made (MML_NAMING_ERROR_TOO_LONG, _INPUT).
 * render_file: the episode's file name, extension included.
 * render_season_folder: the specials name for season 0, the year for a
 * daily series (its air year), else the season template.
 */
char                *mml_naming_render_file          (const MmlNamingConfig  *cfg,
                                                      const MmlNamingEpisode *ep,
                                                      GError                **error);
char                *mml_naming_render_series_folder (const MmlNamingConfig  *cfg,
                                                      const MmlNamingEpisode *ep,
                                                      GError                **error);
char                *mml_naming_render_season_folder (const MmlNamingConfig  *cfg,
                                                      const MmlNamingEpisode *ep,
                                                      GError                **error);

/*
 * A renderer gives the same names as the functions above, for many
 * episodes by one config: the templates are compiled once (the renderer
 * keeps its own copy of @cfg), the buffers are reused, and the folder
 * names of the last series and season are kept for the next episode of
 * the same series.  The names returned belong to the renderer: each is
 * valid until the same function is called again or the renderer is freed.
 * A renderer is used by one thread at a time; several threads use one each.
 */
typedef struct _MmlNamingRenderer MmlNamingRenderer;

MmlNamingRenderer   *mml_naming_renderer_new           (const MmlNamingConfig  *cfg);
void                 mml_naming_renderer_free          (MmlNamingRenderer      *self);
const char          *mml_naming_renderer_file          (MmlNamingRenderer      *self,
                                                        const MmlNamingEpisode *ep,
                                                        GError                **error);
const char          *mml_naming_renderer_series_folder (MmlNamingRenderer      *self,
                                                        const MmlNamingEpisode *ep,
                                                        GError                **error);
const char          *mml_naming_renderer_season_folder (MmlNamingRenderer      *self,
                                                        const MmlNamingEpisode *ep,
                                                        GError                **error);

/* A sample episode for live examples (static data): Sonarr's "The Series
 * Title! (2010)", one episode or three, of the given type */
const MmlNamingEpisode *mml_naming_example_episode   (MmlNamingSeriesType  type,
                                                      gboolean             multi);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlNamingConfig, mml_naming_config_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlNamingRenderer, mml_naming_renderer_free)

G_END_DECLS
