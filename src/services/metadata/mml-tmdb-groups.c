/* mml-tmdb-groups.c — a TMDB series in the DVD or absolute order, through
 * its episode groups.
 *
 * TMDB numbers episodes as they aired; other orders are episode groups a
 * series may have: /tv/ID lists them (append_to_response=episode_groups),
 * /tv/episode_group/GID holds one, as groups ("Season 1", "Specials",
 * "Volume One"…) of episodes, each with its "order" (0-based position).
 * The group of the wanted type (3 DVD, 2 absolute) with the most episodes
 * counts; the first listed of equals. Groups go by their "order", episodes
 * within a group by theirs. A group named like specials ("Specials",
 * "Season 0"), or at order 0 with only aired specials in it, holds specials:
 * season 0, numbered 1..n across such groups. The others:
 *
 *   DVD:      group k (1-based, specials groups not counted) is season k,
 *             its episodes numbered 1..n; no absolute numbers.
 *   absolute: as TheTVDB's absolute season type: one season 1, each
 *             episode numbered by its running position across the groups,
 *             which is its absolute number too.
 *
 * A series without such a group, or whose group has no regular episode, is
 * MML_PROVIDER_ERROR_UNSUPPORTED; a group that is not a list of groups of
 * episode objects (each with a positive integer "id") is MALFORMED, never a
 * series built halfway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tmdb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-json.h"
#include "mml-tmdb-private.h"

/* TMDB's episode group types (1 original air date, 4 digital, 5 story arc,
 * 6 production, 7 TV are not episode orders of ours) */
#define GROUP_TYPE_ABSOLUTE 2
#define GROUP_TYPE_DVD      3
/* a group id goes into a path; TMDB's are 24 hex digits */
#define GROUP_ID_MAX        64
/* "order" missing: after every ordered one */
#define NO_ORDER            G_MAXINT

typedef struct
{
  MmlEpisodeOrder  order;
  MmlMetaSeries   *series;
} GroupJob;

static void
group_job_free (GroupJob *job)
{
  g_clear_pointer (&job->series, mml_meta_series_unref);
  g_free (job);
}

/* a group or an episode by its "order", then its place in the list */
typedef struct
{
  int         order;
  guint       index;
  JsonNode   *node;     /* (transfer none) */
  JsonObject *object;   /* its object */
} Slot;

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const Slot *sa = a;
  const Slot *sb = b;

  if (sa->order != sb->order)
    return sa->order < sb->order ? -1 : 1;
  return sa->index < sb->index ? -1 : sa->index > sb->index ? 1 : 0;
}

static int
group_type (MmlEpisodeOrder order)
{
  return order == MML_EPISODE_ORDER_DVD ? GROUP_TYPE_DVD : GROUP_TYPE_ABSOLUTE;
}

static const char *
order_name (MmlEpisodeOrder order)
{
  /* Translators: an episode order, in "TMDB has no %s order for this series" */
  return order == MML_EPISODE_ORDER_DVD ? _("DVD") : _("absolute");
}

static gboolean
group_id_valid (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;

  if (len == 0 || len > GROUP_ID_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]))
      return FALSE;
  return TRUE;
}

/* --- choosing the group -------------------------------------------------- */

/* The id of the group of @order's type in a /tv/ID answer with
 * episode_groups appended: the one with the most episodes, the first
 * listed of equals. NULL with UNSUPPORTED when there is none, MALFORMED
 * when the answer has no list of groups. */
static char *
pick_group (JsonNode         *node,
            MmlEpisodeOrder   order,
            GError          **error)
{
  JsonObject *groups = mml_json_get_object (mml_json_node_object (node), "episode_groups");
  JsonArray *results = mml_json_get_array (groups, "results");
  const char *best = NULL;
  gint64 best_count = -1;
  guint n;

  if (results == NULL)
    {
      g_set_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                   "TMDB sent a series page without its list of episode groups");
      return NULL;
    }
  n = json_array_get_length (results);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = mml_json_node_object (json_array_get_element (results, i));
      const char *id = mml_json_get_string (o, "id");
      gint64 type;
      gint64 count;

      if (!mml_json_get_int (o, "type", &type) || type != group_type (order) || !group_id_valid (id))
        continue;
      if (!mml_json_get_int (o, "episode_count", &count) || count < 0)
        count = 0;
      if (count > best_count)
        {
          best = id;
          best_count = count;
        }
    }
  if (best == NULL)
    {
      g_set_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED,
                   _("TMDB has no %s order for this series"), order_name (order));
      return NULL;
    }
  return g_strdup (best);
}

/* --- reading the group --------------------------------------------------- */

/* A list's objects as slots sorted by their "order"; NULL when an item is
 * not an object, or (@need_id) lacks a positive integer "id". */
static GArray *
sorted_slots (JsonArray *array,
              gboolean   need_id)
{
  guint n = json_array_get_length (array);
  g_autoptr(GArray) slots = g_array_sized_new (FALSE, FALSE, sizeof (Slot), n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *o = mml_json_node_object (node);
      Slot slot = { 0, i, node, o };
      gint64 id;

      if (o == NULL || (need_id && (!mml_json_get_int (o, "id", &id) || id <= 0)))
        return NULL;
      slot.order = mml_json_get_small_int (o, "order", NO_ORDER);
      g_array_append_val (slots, slot);
    }
  g_array_sort (slots, compare_slots);
  return g_steal_pointer (&slots);
}

/* A group's episodes in its order (numbered as they aired, for now), or
 * NULL when it has no list of episode objects. */
static GPtrArray *
parse_group_episodes (JsonObject *group,
                      const char *image_base)
{
  JsonArray *array = mml_json_get_array (group, "episodes");
  g_autoptr(GArray) slots = array != NULL ? sorted_slots (array, TRUE) : NULL;
  GPtrArray *episodes;

  if (slots == NULL)
    return NULL;
  episodes = g_ptr_array_new_full (slots->len, (GDestroyNotify) mml_meta_episode_unref);
  for (guint i = 0; i < slots->len; i++)
    g_ptr_array_add (episodes, _mml_tmdb_parse_episode (g_array_index (slots, Slot, i).node, -1, image_base));
  return episodes;
}

/* "Specials", "TV Specials", "Season 0"; or at order 0 with nothing but
 * aired specials in it */
static gboolean
group_is_specials (const char *name,
                   int         order,
                   GPtrArray  *episodes)
{
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;
  gboolean all_specials = episodes->len > 0;

  if (lower != NULL
      && (strstr (lower, "special") != NULL || strcmp (lower, "season 0") == 0
          || strcmp (lower, "season 00") == 0))
    return TRUE;
  for (guint i = 0; i < episodes->len && all_specials; i++)
    all_specials = ((MmlMetaEpisode *) g_ptr_array_index (episodes, i))->season == 0;
  return order == 0 && all_specials;
}

static void
renumber (MmlMetaEpisode *ep,
          int             season,
          int             number,
          int             absolute)
{
  ep->season = season;
  ep->number = number;
  ep->absolute = absolute;
  ep->special = season == 0;
  ep->kind = season == 0 ? MML_META_EPISODE_SPECIAL : MML_META_EPISODE_REGULAR;
}

static MmlMetaSeason *
season_new (int         number,
            const char *name)
{
  MmlMetaSeason *season = mml_meta_season_new ();

  season->number = number;
  season->name = name != NULL ? g_utf8_make_valid (name, -1) : NULL;
  return season;
}

/* Number @series's episodes and seasons by the episode group @node in
 * @order; @series is left alone on failure. */
static gboolean
apply_group (MmlMetaSeries    *series,
             JsonNode         *node,
             MmlEpisodeOrder   order,
             const char       *image_base,
             GError          **error)
{
  JsonObject *o = mml_json_node_object (node);
  JsonArray *array = mml_json_get_array (o, "groups");
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_season_unref);
  g_autoptr(MmlMetaSeason) specials = NULL;
  MmlMetaSeason *absolute_season = NULL;
  int season = 0;
  int special = 0;
  int position = 0;   /* absolute */
  guint regular = 0;
  gint64 type;

  if (array == NULL || json_array_get_length (array) > TMDB_MAX_SEASONS
      || (mml_json_member (o, "type") != NULL && (!mml_json_get_int (o, "type", &type) || type != group_type (order)))
      || (groups = sorted_slots (array, FALSE)) == NULL)
    {
      g_set_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                   "TMDB sent a %s episode group of series %" G_GINT64_FORMAT " that is not a list of groups",
                   order_name (order), series->provider_id);
      return FALSE;
    }

  if (order == MML_EPISODE_ORDER_ABSOLUTE)
    {
      absolute_season = season_new (1, mml_json_get_string (o, "name"));
      g_ptr_array_add (seasons, absolute_season);
    }
  for (guint i = 0; i < groups->len; i++)
    {
      Slot *slot = &g_array_index (groups, Slot, i);
      const char *name = mml_json_get_string (slot->object, "name");
      g_autoptr(GPtrArray) episodes = parse_group_episodes (slot->object, image_base);

      if (episodes == NULL)
        {
          g_set_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                       "TMDB sent a %s episode group of series %" G_GINT64_FORMAT
                       " with a group that is not a list of episodes",
                       order_name (order), series->provider_id);
          return FALSE;
        }
      if (group_is_specials (name, slot->order, episodes))
        {
          if (specials == NULL)
            specials = season_new (0, name);
          for (guint j = 0; j < episodes->len; j++)
            renumber (g_ptr_array_index (episodes, j), 0, ++special, -1);
          specials->episode_order = special;
        }
      else if (order == MML_EPISODE_ORDER_DVD)
        {
          MmlMetaSeason *s = season_new (++season, name);

          for (guint j = 0; j < episodes->len; j++)
            renumber (g_ptr_array_index (episodes, j), season, (int) j + 1, -1);
          s->episode_order = (int) episodes->len;
          regular += episodes->len;
          g_ptr_array_add (seasons, s);
        }
      else
        {
          for (guint j = 0; j < episodes->len; j++)
            {
              position++;
              renumber (g_ptr_array_index (episodes, j), 1, position, position);
            }
          regular += episodes->len;
          absolute_season->episode_order = position;
        }
      g_ptr_array_add (lists, g_steal_pointer (&episodes));
    }
  /* nothing but specials (or nothing at all) numbers no file */
  if (regular == 0)
    {
      g_set_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED,
                   _("TMDB’s %s order for this series has no episodes"), order_name (order));
      return FALSE;
    }

  if (specials != NULL)
    g_ptr_array_insert (seasons, 0, g_steal_pointer (&specials));
  g_clear_pointer (&series->seasons, g_ptr_array_unref);
  series->seasons = g_steal_pointer (&seasons);
  /* absolute numbers are set already (absolute) or not ours to make (DVD) */
  _mml_tmdb_assemble_episodes (series, lists, FALSE);
  return TRUE;
}

/* --- the requests -------------------------------------------------------- */

static void
group_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTmdb *self = g_task_get_source_object (task);
  GroupJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if ((node = _mml_tmdb_finish_json (self, result, &error)) == NULL
      || !apply_group (job->series, node, job->order, mml_tmdb_get_image_url (self), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&job->series), (GDestroyNotify) mml_meta_series_unref);
}

static void
group_series_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTmdb *self = g_task_get_source_object (task);
  GroupJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  if ((node = _mml_tmdb_finish_json (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((job->series = mml_tmdb_parse_series (node, mml_tmdb_get_image_url (self))) == NULL)
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               "TMDB sent a series page that is not a series");
      return;
    }
  if ((group_id = pick_group (node, job->order, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  path = g_strconcat ("/tv/episode_group/", group_id, NULL);
  cancellable = g_task_get_cancellable (task);
  _mml_tmdb_fetch (self, path, NULL, TRUE, TMDB_TTL_SECONDS, cancellable, group_done_cb, g_steal_pointer (&task));
}

void
_mml_tmdb_get_series_by_group (GTask           *task,
                               gint64           id,
                               MmlEpisodeOrder  order)
{
  MmlTmdb *self = g_task_get_source_object (task);
  g_autofree char *path = NULL;
  GroupJob *job;

  g_assert (G_IS_TASK (task));
  g_assert (order == MML_EPISODE_ORDER_DVD || order == MML_EPISODE_ORDER_ABSOLUTE);

  job = g_new0 (GroupJob, 1);
  job->order = order;
  g_task_set_task_data (task, job, (GDestroyNotify) group_job_free);
  path = g_strdup_printf ("/tv/%" G_GINT64_FORMAT, id);
  _mml_tmdb_fetch (self, path, SERIES_GROUPS_QUERY, TRUE, TMDB_TTL_SECONDS, g_task_get_cancellable (task),
                   group_series_done_cb, task);
}
