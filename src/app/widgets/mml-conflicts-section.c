/* mml-conflicts-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page of the Conflicts view: a heading that says what the list is and
 * what to do with it (with the page's actions beside it), then the list,
 * full height, in the page's one scrolled window; or, when the list is
 * empty, a status page saying what would show up here and how.
 *
 *   GtkStack ─ "list":  GtkBox ─ AdwClamp ─ AdwPreferencesGroup (the heading)
 *            │                 └ GtkScrolledWindow ─ AdwClamp ─ the list (a GtkListBox)
 *            │                                     └ AdwClampScrollable ─ the list (a GtkListView)
 *            └ "empty": AdwStatusPage
 *
 * The heading stays put while the list scrolls, whichever list a page
 * has, so every page reads alike. A GtkListView scrolls itself (it makes
 * rows only for what is on screen); it sits in an AdwClampScrollable and
 * is as tall as its rows, up to the page.
 */

#define G_LOG_DOMAIN "mml-conflicts-section"

#include "config.h"

#include "mml-conflicts-section.h"

#define MAXIMUM_SIZE 760
#define TIGHTENING   560

struct _MmlConflictsSection
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  AdwPreferencesGroup *header;
  GtkScrolledWindow   *scroller;
  AdwStatusPage       *status;
  GtkWidget           *content;
  guint                count;
};

G_DEFINE_FINAL_TYPE (MmlConflictsSection, mml_conflicts_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CONTENT,
  PROP_HEADER_SUFFIX,
  PROP_EMPTY_ICON_NAME,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_CHILD,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
clamp_new (void)
{
  GtkWidget *clamp = adw_clamp_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), MAXIMUM_SIZE);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), TIGHTENING);
  return clamp;
}

/**
 * mml_conflicts_section_set_content:
 * @content: the list: a #GtkListView (it scrolls itself) or a #GtkListBox
 *
 * Puts @content in the page's scrolled window, clamped to the width of
 * the heading.
 */
void
mml_conflicts_section_set_content (MmlConflictsSection *self,
                                   GtkWidget           *content)
{
  GtkWidget *clamp;

  g_return_if_fail (MML_IS_CONFLICTS_SECTION (self));
  g_return_if_fail (GTK_IS_WIDGET (content));
  g_return_if_fail (self->content == NULL);

  self->content = content;
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_bottom (content, 24);
  if (GTK_IS_SCROLLABLE (content))
    {
      /* as tall as its rows, up to the page: the card ends with the list */
      gtk_widget_set_valign (content, GTK_ALIGN_START);
      clamp = adw_clamp_scrollable_new ();
      adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (clamp), MAXIMUM_SIZE);
      adw_clamp_scrollable_set_tightening_threshold (ADW_CLAMP_SCROLLABLE (clamp), TIGHTENING);
      adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (clamp), content);
    }
  else
    {
      gtk_widget_set_valign (content, GTK_ALIGN_START);
      clamp = clamp_new ();
      adw_clamp_set_child (ADW_CLAMP (clamp), content);
    }
  gtk_scrolled_window_set_child (self->scroller, clamp);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

GtkWidget *
mml_conflicts_section_get_content (MmlConflictsSection *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_SECTION (self), NULL);
  return self->content;
}

void
mml_conflicts_section_set_header_suffix (MmlConflictsSection *self,
                                         GtkWidget           *suffix)
{
  g_return_if_fail (MML_IS_CONFLICTS_SECTION (self));
  adw_preferences_group_set_header_suffix (self->header, suffix);
}

void
mml_conflicts_section_set_title (MmlConflictsSection *self,
                                 const char          *title)
{
  g_return_if_fail (MML_IS_CONFLICTS_SECTION (self));
  adw_preferences_group_set_title (self->header, title ? title : "");
}

void
mml_conflicts_section_set_description (MmlConflictsSection *self,
                                       const char          *description)
{
  g_return_if_fail (MML_IS_CONFLICTS_SECTION (self));
  adw_preferences_group_set_description (self->header, description);
}

/**
 * mml_conflicts_section_set_count:
 * @count: how many items the list has
 *
 * None: the page shows its status page instead of the list.
 */
void
mml_conflicts_section_set_count (MmlConflictsSection *self,
                                 guint                count)
{
  g_return_if_fail (MML_IS_CONFLICTS_SECTION (self));

  gtk_stack_set_visible_child_name (self->stack, count > 0 ? "list" : "empty");
  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

guint
mml_conflicts_section_get_count (MmlConflictsSection *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_SECTION (self), 0);
  return self->count;
}

/**
 * mml_conflicts_section_get_scroller:
 *
 * Returns: (transfer none): the page's one scrolled window
 */
GtkScrolledWindow *
mml_conflicts_section_get_scroller (MmlConflictsSection *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_SECTION (self), NULL);
  return self->scroller;
}

AdwStatusPage *
mml_conflicts_section_get_status_page (MmlConflictsSection *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_SECTION (self), NULL);
  return self->status;
}

/**
 * mml_conflicts_section_get_empty:
 *
 * Returns: whether the page shows its status page
 */
gboolean
mml_conflicts_section_get_empty (MmlConflictsSection *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_SECTION (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

/* --- GObject ------------------------------------------------------------------- */

static void
mml_conflicts_section_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MmlConflictsSection *self = MML_CONFLICTS_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, adw_preferences_group_get_title (self->header));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, adw_preferences_group_get_description (self->header));
      break;
    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;
    case PROP_HEADER_SUFFIX:
      g_value_set_object (value, adw_preferences_group_get_header_suffix (self->header));
      break;
    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->status));
      break;
    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->status));
      break;
    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->status));
      break;
    case PROP_EMPTY_CHILD:
      g_value_set_object (value, adw_status_page_get_child (self->status));
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_conflicts_section_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MmlConflictsSection *self = MML_CONFLICTS_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      mml_conflicts_section_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      mml_conflicts_section_set_description (self, g_value_get_string (value));
      break;
    case PROP_CONTENT:
      if (g_value_get_object (value) != NULL)
        mml_conflicts_section_set_content (self, g_value_get_object (value));
      break;
    case PROP_HEADER_SUFFIX:
      mml_conflicts_section_set_header_suffix (self, g_value_get_object (value));
      break;
    case PROP_EMPTY_ICON_NAME:
      adw_status_page_set_icon_name (self->status, g_value_get_string (value));
      break;
    case PROP_EMPTY_TITLE:
      adw_status_page_set_title (self->status, g_value_get_string (value));
      break;
    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (self->status, g_value_get_string (value));
      break;
    case PROP_EMPTY_CHILD:
      adw_status_page_set_child (self->status, g_value_get_object (value));
      break;
    case PROP_COUNT:
      mml_conflicts_section_set_count (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_conflicts_section_dispose (GObject *object)
{
  MmlConflictsSection *self = MML_CONFLICTS_SECTION (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->stack = NULL;
  self->header = NULL;
  self->scroller = NULL;
  self->status = NULL;
  self->content = NULL;

  G_OBJECT_CLASS (mml_conflicts_section_parent_class)->dispose (object);
}

static void
mml_conflicts_section_class_init (MmlConflictsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mml_conflicts_section_get_property;
  object_class->set_property = mml_conflicts_section_set_property;
  object_class->dispose = mml_conflicts_section_dispose;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HEADER_SUFFIX] =
    g_param_spec_object ("header-suffix", NULL, NULL, GTK_TYPE_WIDGET, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_ICON_NAME] =
    g_param_spec_string ("empty-icon-name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_CHILD] =
    g_param_spec_object ("empty-child", NULL, NULL, GTK_TYPE_WIDGET, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "conflictssection");
}

static void
mml_conflicts_section_init (MmlConflictsSection *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *clamp = clamp_new ();
  GtkWidget *header = adw_preferences_group_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *status = adw_status_page_new ();

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  gtk_widget_set_margin_top (header, 18);
  gtk_widget_set_margin_bottom (header, 12);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), header);
  gtk_box_append (GTK_BOX (box), clamp);
  self->header = ADW_PREFERENCES_GROUP (header);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  self->scroller = GTK_SCROLLED_WINDOW (scroller);

  gtk_stack_add_named (self->stack, status, "empty");
  gtk_stack_add_named (self->stack, box, "list");
  gtk_stack_set_visible_child_name (self->stack, "empty");
  self->status = ADW_STATUS_PAGE (status);
}

/**
 * mml_conflicts_section_new:
 *
 * Returns: (transfer floating): an empty page; give it its list with
 *   mml_conflicts_section_set_content()
 */
GtkWidget *
mml_conflicts_section_new (void)
{
  return g_object_new (MML_TYPE_CONFLICTS_SECTION, NULL);
}
