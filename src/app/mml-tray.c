/* mml-tray.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tray icon. GTK 4 has none, so the item speaks the protocols the
 * desktops' tray hosts read: org.kde.StatusNotifierItem at
 * /StatusNotifierItem and its menu as com.canonical.dbusmenu at /MenuBar,
 * both on the application's own connection. The item is registered with
 * the connection's unique name (never a well-known name of its own, which a
 * Flatpak sandbox would not let us own) whenever an
 * org.kde.StatusNotifierWatcher is on the bus; without one (GNOME without
 * an AppIndicator extension) there is no tray, quietly.
 *
 * The icon follows the engine's scheduler: the app's symbolic icon when
 * idle, a working icon while a job runs, and NeedsAttention while a job is
 * failing or match conflicts wait. The menu runs the jobs through the
 * scheduler, like every other front end.
 */

#define G_LOG_DOMAIN "mml-tray"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "mml-format.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-scheduler.h"
#include "mml-tray.h"

#define WATCHER_NAME  "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH  "/StatusNotifierWatcher"
#define ITEM_IFACE    "org.kde.StatusNotifierItem"
#define MENU_IFACE    "com.canonical.dbusmenu"

#define ICON_IDLE      APP_ID_BASE "-symbolic"
#define ICON_WORKING   "emblem-synchronizing-symbolic"
#define ICON_ATTENTION "dialog-warning-symbolic"

static const char item_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierItem'>"
  "    <property name='Category' type='s' access='read'/>"
  "    <property name='Id' type='s' access='read'/>"
  "    <property name='Title' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='WindowId' type='i' access='read'/>"
  "    <property name='IconThemePath' type='s' access='read'/>"
  "    <property name='IconName' type='s' access='read'/>"
  "    <property name='IconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='OverlayIconName' type='s' access='read'/>"
  "    <property name='OverlayIconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='AttentionIconName' type='s' access='read'/>"
  "    <property name='AttentionIconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='AttentionMovieName' type='s' access='read'/>"
  "    <property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
  "    <property name='ItemIsMenu' type='b' access='read'/>"
  "    <property name='Menu' type='o' access='read'/>"
  "    <method name='ContextMenu'>"
  "      <arg name='x' type='i' direction='in'/>"
  "      <arg name='y' type='i' direction='in'/>"
  "    </method>"
  "    <method name='Activate'>"
  "      <arg name='x' type='i' direction='in'/>"
  "      <arg name='y' type='i' direction='in'/>"
  "    </method>"
  "    <method name='SecondaryActivate'>"
  "      <arg name='x' type='i' direction='in'/>"
  "      <arg name='y' type='i' direction='in'/>"
  "    </method>"
  "    <method name='Scroll'>"
  "      <arg name='delta' type='i' direction='in'/>"
  "      <arg name='orientation' type='s' direction='in'/>"
  "    </method>"
  "    <signal name='NewTitle'/>"
  "    <signal name='NewIcon'/>"
  "    <signal name='NewAttentionIcon'/>"
  "    <signal name='NewOverlayIcon'/>"
  "    <signal name='NewToolTip'/>"
  "    <signal name='NewStatus'>"
  "      <arg name='status' type='s'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

static const char menu_xml[] =
  "<node>"
  "  <interface name='com.canonical.dbusmenu'>"
  "    <property name='Version' type='u' access='read'/>"
  "    <property name='TextDirection' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='IconThemePath' type='as' access='read'/>"
  "    <method name='GetLayout'>"
  "      <arg name='parentId' type='i' direction='in'/>"
  "      <arg name='recursionDepth' type='i' direction='in'/>"
  "      <arg name='propertyNames' type='as' direction='in'/>"
  "      <arg name='revision' type='u' direction='out'/>"
  "      <arg name='layout' type='(ia{sv}av)' direction='out'/>"
  "    </method>"
  "    <method name='GetGroupProperties'>"
  "      <arg name='ids' type='ai' direction='in'/>"
  "      <arg name='propertyNames' type='as' direction='in'/>"
  "      <arg name='properties' type='a(ia{sv})' direction='out'/>"
  "    </method>"
  "    <method name='GetProperty'>"
  "      <arg name='id' type='i' direction='in'/>"
  "      <arg name='name' type='s' direction='in'/>"
  "      <arg name='value' type='v' direction='out'/>"
  "    </method>"
  "    <method name='Event'>"
  "      <arg name='id' type='i' direction='in'/>"
  "      <arg name='eventId' type='s' direction='in'/>"
  "      <arg name='data' type='v' direction='in'/>"
  "      <arg name='timestamp' type='u' direction='in'/>"
  "    </method>"
  "    <method name='EventGroup'>"
  "      <arg name='events' type='a(isvu)' direction='in'/>"
  "      <arg name='idErrors' type='ai' direction='out'/>"
  "    </method>"
  "    <method name='AboutToShow'>"
  "      <arg name='id' type='i' direction='in'/>"
  "      <arg name='needUpdate' type='b' direction='out'/>"
  "    </method>"
  "    <method name='AboutToShowGroup'>"
  "      <arg name='ids' type='ai' direction='in'/>"
  "      <arg name='updatesNeeded' type='ai' direction='out'/>"
  "      <arg name='idErrors' type='ai' direction='out'/>"
  "    </method>"
  "    <signal name='ItemsPropertiesUpdated'>"
  "      <arg name='updatedProps' type='a(ia{sv})'/>"
  "      <arg name='removedProps' type='a(ias)'/>"
  "    </signal>"
  "    <signal name='LayoutUpdated'>"
  "      <arg name='revision' type='u'/>"
  "      <arg name='parent' type='i'/>"
  "    </signal>"
  "    <signal name='ItemActivationRequested'>"
  "      <arg name='id' type='i'/>"
  "      <arg name='timestamp' type='u'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

/* The menu's items, in order; 0 is the root */
typedef enum
{
  ITEM_ROOT,
  ITEM_OPEN,
  ITEM_SEP_1,
  ITEM_SYNC,
  ITEM_SCAN,
  ITEM_SUBTITLES,
  ITEM_PAUSE,
  ITEM_SEP_2,
  ITEM_PROGRESS,
  ITEM_SEP_3,
  ITEM_QUIT,
  N_ITEMS
} ItemId;

struct _MmlTray
{
  GObject           parent_instance;

  GApplication     *application;    /* owns us */
  MmlEngine        *engine;
  MmlScheduler     *scheduler;
  GDBusConnection  *connection;
  GCancellable     *cancellable;
  GListModel       *conflicts;

  guint             item_id;
  guint             menu_id;
  guint             watch_id;
  MmlTrayHostState  host_state;

  char             *running;        /* the job running now, or NULL */
  GHashTable       *failing;        /* names of the jobs whose last run failed */
  gint64            last_run_at;    /* 0: none yet */
  int               percent;        /* of the running job, -1: unknown */
  guint             revision;
};

G_DEFINE_FINAL_TYPE (MmlTray, mml_tray, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOST_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- state ---- */

static gboolean
needs_attention (MmlTray *self)
{
  return g_hash_table_size (self->failing) > 0 ||
         (self->conflicts != NULL && g_list_model_get_n_items (self->conflicts) > 0);
}

static const char *
status_string (MmlTray *self)
{
  return needs_attention (self) ? "NeedsAttention" : "Active";
}

static const char *
icon_name (MmlTray *self)
{
  return self->running != NULL ? ICON_WORKING : ICON_IDLE;
}

/* The disabled line under the jobs */
static char *
progress_text (MmlTray *self)
{
  g_autofree char *label = NULL;

  if (self->running == NULL)
    return g_strdup (mml_scheduler_get_paused (self->scheduler)
                     ? _("Background work is paused")
                     : _("No background work running"));

  label = mml_format_job_doing (self->running);
  if (self->percent < 0)
    /* Translators: a background job that is running, such as "Scanning the library…" */
    return g_strdup_printf (_("%s…"), label);
  /* Translators: a background job and how far it is, such as "Scanning the library: 40 %" */
  return g_strdup_printf (_("%s: %d %%"), label, self->percent);
}

static char *
tooltip_text (MmlTray *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_conflicts = self->conflicts != NULL ? g_list_model_get_n_items (self->conflicts) : 0;

  if (self->running != NULL)
    {
      g_autofree char *progress = progress_text (self);

      g_string_append (text, progress);
    }
  else if (self->last_run_at > 0)
    {
      g_autofree char *when = mml_format_timestamp (self->last_run_at);

      /* Translators: when the background jobs last ran, such as "Today at 14:02" */
      g_string_append_printf (text, _("Last run: %s"), when);
    }
  else
    g_string_append (text, _("No background work has run yet"));

  if (g_hash_table_size (self->failing) > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text,
                              ngettext ("%u job failing", "%u jobs failing", g_hash_table_size (self->failing)),
                              g_hash_table_size (self->failing));
    }
  if (n_conflicts > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u conflict", "%u conflicts", n_conflicts), n_conflicts);
    }
  if (mml_scheduler_get_paused (self->scheduler))
    {
      g_string_append (text, " · ");
      g_string_append (text, _("Paused"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GVariant *
tooltip_variant (MmlTray *self)
{
  g_autofree char *text = tooltip_text (self);

  return g_variant_new ("(sa(iiay)ss)", icon_name (self), NULL, _("My Media Library"), text);
}

/* ---- the menu ---- */

static gboolean
wanted (const char * const *names,
        const char         *name)
{
  return names == NULL || names[0] == NULL || g_strv_contains (names, name);
}

/* @id's properties (a{sv}), only @names when there are any */
static GVariant *
item_properties (MmlTray            *self,
                 int                 id,
                 const char * const *names)
{
  GVariantBuilder b;
  const char *label = NULL;
  g_autofree char *progress = NULL;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);

  switch ((ItemId) id)
    {
    case ITEM_ROOT:
      if (wanted (names, "children-display"))
        g_variant_builder_add (&b, "{sv}", "children-display", g_variant_new_string ("submenu"));
      return g_variant_builder_end (&b);
    case ITEM_SEP_1:
    case ITEM_SEP_2:
    case ITEM_SEP_3:
      if (wanted (names, "type"))
        g_variant_builder_add (&b, "{sv}", "type", g_variant_new_string ("separator"));
      return g_variant_builder_end (&b);
    case ITEM_OPEN:
      label = _("Open My Media Library");
      break;
    case ITEM_SYNC:
      label = _("Sync now");
      break;
    case ITEM_SCAN:
      label = _("Scan now");
      break;
    case ITEM_SUBTITLES:
      label = _("Fetch missing subtitles");
      break;
    case ITEM_PAUSE:
      label = _("Pause background work");
      break;
    case ITEM_PROGRESS:
      label = progress = progress_text (self);
      break;
    case ITEM_QUIT:
      label = _("Quit");
      break;
    case N_ITEMS:
    default:
      g_assert_not_reached ();
    }

  if (wanted (names, "label"))
    g_variant_builder_add (&b, "{sv}", "label", g_variant_new_string (label));
  if (id == ITEM_PROGRESS && wanted (names, "enabled"))
    g_variant_builder_add (&b, "{sv}", "enabled", g_variant_new_boolean (FALSE));
  if (id == ITEM_PAUSE)
    {
      if (wanted (names, "toggle-type"))
        g_variant_builder_add (&b, "{sv}", "toggle-type", g_variant_new_string ("checkmark"));
      if (wanted (names, "toggle-state"))
        g_variant_builder_add (&b, "{sv}", "toggle-state",
                               g_variant_new_int32 (mml_scheduler_get_paused (self->scheduler) ? 1 : 0));
    }
  return g_variant_builder_end (&b);
}

static GVariant *
layout_of (MmlTray            *self,
           int                 id,
           int                 depth,
           const char * const *names)
{
  GVariantBuilder children;

  g_variant_builder_init (&children, G_VARIANT_TYPE ("av"));
  if (id == ITEM_ROOT && depth != 0)
    for (int child = ITEM_ROOT + 1; child < N_ITEMS; child++)
      g_variant_builder_add (&children, "v", layout_of (self, child, depth - 1, names));

  return g_variant_new ("(i@a{sv}av)", id, item_properties (self, id, names), &children);
}

static void
emit (MmlTray    *self,
      const char *path,
      const char *iface,
      const char *name,
      GVariant   *params)
{
  g_autoptr(GError) error = NULL;

  if (self->connection == NULL || g_dbus_connection_is_closed (self->connection))
    {
      if (params != NULL)
        g_variant_unref (g_variant_ref_sink (params));
      return;
    }
  if (!g_dbus_connection_emit_signal (self->connection, NULL, path, iface, name, params, &error))
    g_debug ("Cannot emit %s: %s", name, error->message);
}

static void
menu_items_changed (MmlTray  *self,
                    const int *ids,
                    guint      n_ids)
{
  GVariantBuilder updated;

  g_variant_builder_init (&updated, G_VARIANT_TYPE ("a(ia{sv})"));
  for (guint i = 0; i < n_ids; i++)
    g_variant_builder_add (&updated, "(i@a{sv})", ids[i], item_properties (self, ids[i], NULL));
  emit (self, MML_TRAY_MENU_PATH, MENU_IFACE, "ItemsPropertiesUpdated",
        g_variant_new ("(a(ia{sv})a(ias))", &updated, NULL));
}

/* Everything the scheduler's state shows in: icon, status, tooltip, the
 * menu's progress line and Pause */
static void
state_changed (MmlTray *self)
{
  static const int ids[] = { ITEM_PAUSE, ITEM_PROGRESS };

  emit (self, MML_TRAY_ITEM_PATH, ITEM_IFACE, "NewIcon", NULL);
  emit (self, MML_TRAY_ITEM_PATH, ITEM_IFACE, "NewAttentionIcon", NULL);
  emit (self, MML_TRAY_ITEM_PATH, ITEM_IFACE, "NewStatus", g_variant_new ("(s)", status_string (self)));
  emit (self, MML_TRAY_ITEM_PATH, ITEM_IFACE, "NewToolTip", NULL);
  menu_items_changed (self, ids, G_N_ELEMENTS (ids));
}

/* ---- what the menu does ---- */

/* (a failure shows in the icon: job-finished) */
static void
run_job (MmlTray    *self,
         const char *name)
{
  mml_scheduler_run_now (self->scheduler, name, self->cancellable);
}

static gboolean
item_clicked (MmlTray *self,
              int      id)
{
  switch ((ItemId) id)
    {
    case ITEM_OPEN:
      g_application_activate (self->application);
      return TRUE;
    case ITEM_SYNC:
      run_job (self, "sync");
      return TRUE;
    case ITEM_SCAN:
      run_job (self, "scan");
      return TRUE;
    case ITEM_SUBTITLES:
      run_job (self, "subtitles");
      return TRUE;
    case ITEM_PAUSE:
      mml_scheduler_set_paused (self->scheduler, !mml_scheduler_get_paused (self->scheduler));
      state_changed (self);
      return TRUE;
    case ITEM_QUIT:
      /* app.quit closes the windows first, so they save their state */
      if (g_action_group_has_action (G_ACTION_GROUP (self->application), "quit"))
        g_action_group_activate_action (G_ACTION_GROUP (self->application), "quit", NULL);
      else
        g_application_quit (self->application);
      return TRUE;
    case ITEM_ROOT:
    case ITEM_SEP_1:
    case ITEM_SEP_2:
    case ITEM_SEP_3:
    case ITEM_PROGRESS:
      return TRUE;
    case N_ITEMS:
    default:
      return FALSE;
    }
}

static gboolean
valid_id (int id)
{
  return id >= 0 && id < N_ITEMS;
}

/* ---- com.canonical.dbusmenu ---- */

static void
menu_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  MmlTray *self = user_data;

  if (g_strcmp0 (method_name, "GetLayout") == 0)
    {
      int parent, depth;
      g_autofree const char **names = NULL;

      g_variant_get (parameters, "(ii^a&s)", &parent, &depth, &names);
      if (!valid_id (parent))
        {
          g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                                 "No menu item %d", parent);
          return;
        }
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u@(ia{sv}av))", self->revision,
                                                            layout_of (self, parent, depth, names)));
    }
  else if (g_strcmp0 (method_name, "GetGroupProperties") == 0)
    {
      g_autoptr(GVariantIter) ids = NULL;
      g_autofree const char **names = NULL;
      GVariantBuilder b;
      int id;

      g_variant_get (parameters, "(ai^a&s)", &ids, &names);
      g_variant_builder_init (&b, G_VARIANT_TYPE ("a(ia{sv})"));
      while (g_variant_iter_next (ids, "i", &id))
        if (valid_id (id))
          g_variant_builder_add (&b, "(i@a{sv})", id, item_properties (self, id, names));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a(ia{sv}))", &b));
    }
  else if (g_strcmp0 (method_name, "GetProperty") == 0)
    {
      g_autoptr(GVariant) props = NULL;
      g_autoptr(GVariant) value = NULL;
      const char *name;
      int id;

      g_variant_get (parameters, "(i&s)", &id, &name);
      if (valid_id (id))
        {
          props = g_variant_ref_sink (item_properties (self, id, NULL));
          value = g_variant_lookup_value (props, name, NULL);
        }
      if (value == NULL)
        g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                               "No property %s on item %d", name, id);
      else
        g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", value));
    }
  else if (g_strcmp0 (method_name, "Event") == 0)
    {
      const char *event;
      int id;

      g_variant_get (parameters, "(i&svu)", &id, &event, NULL, NULL);
      if (!valid_id (id))
        {
          g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                                 "No menu item %d", id);
          return;
        }
      /* answer first: Quit may end the process */
      g_dbus_method_invocation_return_value (invocation, NULL);
      if (g_strcmp0 (event, "clicked") == 0)
        item_clicked (self, id);
    }
  else if (g_strcmp0 (method_name, "EventGroup") == 0)
    {
      g_autoptr(GVariantIter) events = NULL;
      g_autoptr(GArray) clicked = g_array_new (FALSE, FALSE, sizeof (int));
      GVariantBuilder errors;
      const char *event;
      int id;

      g_variant_get (parameters, "(a(isvu))", &events);
      g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));
      while (g_variant_iter_next (events, "(i&svu)", &id, &event, NULL, NULL))
        if (!valid_id (id))
          g_variant_builder_add (&errors, "i", id);
        else if (g_strcmp0 (event, "clicked") == 0)
          g_array_append_val (clicked, id);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ai)", &errors));
      for (guint i = 0; i < clicked->len; i++)
        item_clicked (self, g_array_index (clicked, int, i));
    }
  else if (g_strcmp0 (method_name, "AboutToShow") == 0)
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", FALSE));
    }
  else if (g_strcmp0 (method_name, "AboutToShowGroup") == 0)
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aiai)", NULL, NULL));
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);
}

static GVariant *
menu_get_property (GDBusConnection  *connection,
                   const char       *sender,
                   const char       *object_path,
                   const char       *interface_name,
                   const char       *property_name,
                   GError          **error,
                   gpointer          user_data)
{
  if (g_strcmp0 (property_name, "Version") == 0)
    return g_variant_new_uint32 (3);
  if (g_strcmp0 (property_name, "TextDirection") == 0)
    return g_variant_new_string (gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL ? "rtl" : "ltr");
  if (g_strcmp0 (property_name, "Status") == 0)
    return g_variant_new_string ("normal");
  if (g_strcmp0 (property_name, "IconThemePath") == 0)
    return g_variant_new_strv (NULL, 0);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property_name);
  return NULL;
}

/* ---- org.kde.StatusNotifierItem ---- */

static void
item_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  MmlTray *self = user_data;

  g_dbus_method_invocation_return_value (invocation, NULL);

  /* A left click opens the window (so does a middle click); the context
   * menu is the host's, from Menu; scrolling means nothing here */
  if (g_strcmp0 (method_name, "Activate") == 0 || g_strcmp0 (method_name, "SecondaryActivate") == 0)
    g_application_activate (self->application);
}

static GVariant *
item_get_property (GDBusConnection  *connection,
                   const char       *sender,
                   const char       *object_path,
                   const char       *interface_name,
                   const char       *property_name,
                   GError          **error,
                   gpointer          user_data)
{
  MmlTray *self = user_data;

  if (g_strcmp0 (property_name, "Category") == 0)
    return g_variant_new_string ("ApplicationStatus");
  if (g_strcmp0 (property_name, "Id") == 0)
    return g_variant_new_string (APP_ID);
  if (g_strcmp0 (property_name, "Title") == 0)
    return g_variant_new_string (_("My Media Library"));
  if (g_strcmp0 (property_name, "Status") == 0)
    return g_variant_new_string (status_string (self));
  if (g_strcmp0 (property_name, "WindowId") == 0)
    return g_variant_new_int32 (0);
  if (g_strcmp0 (property_name, "IconThemePath") == 0)
    return g_variant_new_string ("");
  if (g_strcmp0 (property_name, "IconName") == 0)
    return g_variant_new_string (icon_name (self));
  if (g_strcmp0 (property_name, "AttentionIconName") == 0)
    return g_variant_new_string (ICON_ATTENTION);
  if (g_strcmp0 (property_name, "OverlayIconName") == 0 ||
      g_strcmp0 (property_name, "AttentionMovieName") == 0)
    return g_variant_new_string ("");
  if (g_strcmp0 (property_name, "IconPixmap") == 0 ||
      g_strcmp0 (property_name, "OverlayIconPixmap") == 0 ||
      g_strcmp0 (property_name, "AttentionIconPixmap") == 0)
    return g_variant_new ("a(iiay)", NULL);
  if (g_strcmp0 (property_name, "ToolTip") == 0)
    return tooltip_variant (self);
  if (g_strcmp0 (property_name, "ItemIsMenu") == 0)
    return g_variant_new_boolean (FALSE);
  if (g_strcmp0 (property_name, "Menu") == 0)
    return g_variant_new_object_path (MML_TRAY_MENU_PATH);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property_name);
  return NULL;
}

static const GDBusInterfaceVTable item_vtable = { item_method_call, item_get_property, NULL, { 0 } };
static const GDBusInterfaceVTable menu_vtable = { menu_method_call, menu_get_property, NULL, { 0 } };

/* ---- the watcher ---- */

static void
set_host_state (MmlTray          *self,
                MmlTrayHostState  state)
{
  if (self->host_state == state)
    return;
  self->host_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_STATE]);
}

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MmlTray *self;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MML_TRAY (user_data);
  if (self->host_state != MML_TRAY_HOST_REGISTERING)
    return;
  if (reply == NULL)
    {
      /* a watcher that refuses us is no worse than none */
      g_debug ("The StatusNotifierWatcher did not register the tray: %s", error->message);
      set_host_state (self, MML_TRAY_HOST_ABSENT);
      return;
    }
  set_host_state (self, MML_TRAY_HOST_REGISTERED);
}

static void
watcher_appeared_cb (GDBusConnection *connection,
                     const char      *name,
                     const char      *name_owner,
                     gpointer         user_data)
{
  MmlTray *self = user_data;

  set_host_state (self, MML_TRAY_HOST_REGISTERING);
  /* with our unique name, the watcher finds the item at /StatusNotifierItem */
  g_dbus_connection_call (connection, name_owner, WATCHER_PATH, WATCHER_NAME,
                          "RegisterStatusNotifierItem",
                          g_variant_new ("(s)", g_dbus_connection_get_unique_name (connection)),
                          NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, registered_cb, self);
}

static void
watcher_vanished_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  MmlTray *self = user_data;

  set_host_state (self, MML_TRAY_HOST_ABSENT);
}

/* ---- following the engine ---- */

static void
update_progress (MmlTray *self)
{
  static const int ids[] = { ITEM_PROGRESS };
  double fraction = -1;
  int percent;

  if (g_strcmp0 (self->running, "scan") == 0)
    fraction = mml_library_controller_get_scan_fraction (mml_engine_get_library (self->engine));
  else if (g_strcmp0 (self->running, "refresh") == 0)
    fraction = mml_metadata_controller_get_fraction (mml_engine_get_metadata (self->engine));

  percent = fraction > 0 ? (int) (CLAMP (fraction, 0.0, 1.0) * 100) : -1;
  if (percent == self->percent)
    return;
  self->percent = percent;
  menu_items_changed (self, ids, G_N_ELEMENTS (ids));
}

static void
job_started_cb (MmlTray    *self,
                const char *name)
{
  g_free (self->running);
  self->running = g_strdup (name);
  self->percent = -1;
  state_changed (self);
}

static void
job_finished_cb (MmlTray    *self,
                 const char *name,
                 gboolean    ok,
                 const char *text)
{
  g_clear_pointer (&self->running, g_free);
  self->percent = -1;
  self->last_run_at = mml_clock_get_now (mml_engine_get_clock (self->engine));
  if (ok)
    g_hash_table_remove (self->failing, name);
  else
    g_hash_table_add (self->failing, g_strdup (name));
  state_changed (self);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MmlTray *self;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = mml_scheduler_list_finish (MML_SCHEDULER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MML_TRAY (user_data);
  if (rows == NULL)
    {
      g_debug ("Cannot read the jobs: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const MmlJobRow *row = g_ptr_array_index (rows, i);

      self->last_run_at = MAX (self->last_run_at, row->last_run_at);
      if (row->last_result != NULL && g_str_has_prefix (row->last_result, "failed"))
        g_hash_table_add (self->failing, g_strdup (row->name));
    }
  state_changed (self);
}

static void
engine_ready_cb (MmlTray *self)
{
  if (mml_engine_get_ready (self->engine))
    mml_scheduler_list_async (self->scheduler, self->cancellable, listed_cb, self);
}

/* ---- the object ---- */

static void
mml_tray_dispose (GObject *object)
{
  MmlTray *self = MML_TRAY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  if (self->connection != NULL)
    {
      if (self->item_id != 0)
        g_dbus_connection_unregister_object (self->connection, self->item_id);
      if (self->menu_id != 0)
        g_dbus_connection_unregister_object (self->connection, self->menu_id);
      self->item_id = self->menu_id = 0;
    }
  g_clear_object (&self->connection);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (mml_tray_parent_class)->dispose (object);
}

static void
mml_tray_finalize (GObject *object)
{
  MmlTray *self = MML_TRAY (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->failing, g_hash_table_unref);
  g_free (self->running);

  G_OBJECT_CLASS (mml_tray_parent_class)->finalize (object);
}

static void
mml_tray_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MmlTray *self = MML_TRAY (object);

  switch (prop_id)
    {
    case PROP_HOST_STATE:
      g_value_set_int (value, self->host_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_tray_class_init (MmlTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_tray_dispose;
  object_class->finalize = mml_tray_finalize;
  object_class->get_property = mml_tray_get_property;

  /* an MmlTrayHostState */
  properties[PROP_HOST_STATE] =
    g_param_spec_int ("host-state", NULL, NULL,
                      MML_TRAY_HOST_UNKNOWN, MML_TRAY_HOST_REGISTERED, MML_TRAY_HOST_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mml_tray_init (MmlTray *self)
{
  self->cancellable = g_cancellable_new ();
  self->failing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->percent = -1;
  self->revision = 1;
}

static guint
export (MmlTray                    *self,
        const char                 *xml,
        const char                 *path,
        const GDBusInterfaceVTable *vtable)
{
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;
  guint id;

  node = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  id = g_dbus_connection_register_object (self->connection, path, node->interfaces[0],
                                          vtable, self, NULL, &error);
  if (id == 0)
    g_warning ("Cannot export the tray at %s: %s", path, error->message);
  return id;
}

/**
 * mml_tray_new:
 * @application: the application, which activates for "Open" and quits for
 *   "Quit"; it owns the tray
 * @engine: whose scheduler the tray follows and drives
 * @connection: the session bus connection to export on (the application's)
 *
 * Exports the item and its menu and registers them with the desktop's
 * StatusNotifierWatcher whenever there is one.
 *
 * Returns: (transfer full): the tray
 */
MmlTray *
mml_tray_new (GApplication    *application,
              MmlEngine       *engine,
              GDBusConnection *connection)
{
  MmlTray *self;
  MmlLibraryController *library;
  MmlMetadataController *metadata;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);

  self = g_object_new (MML_TYPE_TRAY, NULL);
  self->application = application;
  self->engine = g_object_ref (engine);
  self->scheduler = g_object_ref (mml_engine_get_scheduler (engine));
  self->connection = g_object_ref (connection);

  library = mml_engine_get_library (engine);
  metadata = mml_engine_get_metadata (engine);
  self->conflicts = mml_metadata_controller_get_match_conflicts (metadata);
  if (self->conflicts != NULL)
    {
      g_object_ref (self->conflicts);
      g_signal_connect_object (self->conflicts, "items-changed", G_CALLBACK (state_changed), self,
                               G_CONNECT_SWAPPED);
    }

  g_signal_connect_object (self->scheduler, "job-started", G_CALLBACK (job_started_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "job-finished", G_CALLBACK (job_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "notify::scan-fraction", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (metadata, "notify::fraction", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "notify::ready", G_CALLBACK (engine_ready_cb), self,
                           G_CONNECT_SWAPPED);
  engine_ready_cb (self);

  self->item_id = export (self, item_xml, MML_TRAY_ITEM_PATH, &item_vtable);
  self->menu_id = export (self, menu_xml, MML_TRAY_MENU_PATH, &menu_vtable);
  if (self->item_id != 0 && self->menu_id != 0)
    self->watch_id = g_bus_watch_name_on_connection (connection, WATCHER_NAME,
                                                     G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                     watcher_appeared_cb, watcher_vanished_cb,
                                                     self, NULL);
  else
    set_host_state (self, MML_TRAY_HOST_ABSENT);

  return self;
}

/**
 * mml_tray_get_host_state:
 * @self: a #MmlTray
 *
 * Returns: whether the item is registered with a watcher, or why not
 */
MmlTrayHostState
mml_tray_get_host_state (MmlTray *self)
{
  g_return_val_if_fail (MML_IS_TRAY (self), MML_TRAY_HOST_UNKNOWN);

  return self->host_state;
}
