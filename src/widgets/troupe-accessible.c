/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GTK 4.8 names a labelled button twice: its accessible label is the raw
 * label, mnemonic underscore included, and it is also "labelled by" its
 * label child, so Orca reads "_Save Save" (and a check button
 * "English English"). GTK 4.10 fixed this. Until then every labelled button
 * gets the visible text as its one name, and no labelled-by relation. */
#define G_LOG_DOMAIN "troupe-accessible"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "troupe-accessible.h"

#define FIXED_KEY "troupe-accessible-named"

/* "_Save" -> "Save", "A__B" -> "A_B", as GtkLabel shows it. */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
name_from_label (GtkWidget *widget)
{
  const char *label;
  gboolean underline;
  g_autofree char *text = NULL;

  if (GTK_IS_BUTTON (widget))
    {
      label = gtk_button_get_label (GTK_BUTTON (widget));
      underline = gtk_button_get_use_underline (GTK_BUTTON (widget));
    }
  else
    {
      label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      underline = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget));
    }
  /* An icon button or one with its own child is named where it is made. */
  if (label == NULL || *label == '\0')
    return;
  text = underline ? strip_mnemonic (label) : g_strdup (label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* GTK sets the doubled name again on every new label. */
static void
label_changed_cb (GtkWidget  *widget,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  name_from_label (widget);
}

/* A library's own icon button (a password row's "show" button) says on
 * hover what it does; it says the same to a screen reader. Ours are named
 * where they are made. gtk_test_accessible_has_property() is the one way
 * GTK 4.8 tells whether a name was given. */
static void
name_from_tooltip (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && gtk_button_get_label (GTK_BUTTON (widget)) == NULL
      && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

/* A search entry with no name of its own is named by its hint. */
static void
name_from_placeholder (GtkWidget *widget)
{
  g_autofree char *placeholder = NULL;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return;
  g_object_get (widget, "placeholder-text", &placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder != NULL ? placeholder : _("Search"), -1);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* libadwaita 1.2 shows a combo row's choice in a one-row list view whose
 * row has no name: it gets the choice's text. */
static void
name_combo_choice (AdwComboRow *combo)
{
  GtkExpression *expression = adw_combo_row_get_expression (combo);
  gpointer item = adw_combo_row_get_selected_item (combo);
  g_auto(GValue) value = G_VALUE_INIT;
  const char *text = NULL;
  GtkWidget *list;

  if (item == NULL)
    return;
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value)
      && G_VALUE_HOLDS_STRING (&value))
    text = g_value_get_string (&value);
  else if (GTK_IS_STRING_OBJECT (item))
    text = gtk_string_object_get_string (item);
  if (text == NULL)
    return;
  list = find_descendant (GTK_WIDGET (combo), GTK_TYPE_LIST_VIEW);
  if (list == NULL)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
combo_choice_changed_cb (AdwComboRow *combo,
                         GParamSpec  *pspec,
                         gpointer     user_data)
{
  name_combo_choice (combo);
}

static void
name_one (GtkWidget *widget)
{
  if (ADW_IS_COMBO_ROW (widget))
    {
      if (g_object_get_data (G_OBJECT (widget), FIXED_KEY) == NULL)
        {
          g_object_set_data (G_OBJECT (widget), FIXED_KEY, GINT_TO_POINTER (TRUE));
          g_signal_connect_after (widget, "notify::selected-item", G_CALLBACK (combo_choice_changed_cb), NULL);
        }
      name_combo_choice (ADW_COMBO_ROW (widget));
      return;
    }
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      name_from_placeholder (widget);
      return;
    }
  if (!GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget))
    return;
  if (GTK_IS_BUTTON (widget))
    name_from_tooltip (widget);
  name_from_label (widget);
  if (g_object_get_data (G_OBJECT (widget), FIXED_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (widget), FIXED_KEY, GINT_TO_POINTER (TRUE));
  g_signal_connect_after (widget, "notify::label", G_CALLBACK (label_changed_cb), NULL);
  g_signal_connect_after (widget, "notify::use-underline", G_CALLBACK (label_changed_cb), NULL);
}

void
troupe_accessible_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  name_one (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    troupe_accessible_name_buttons (child);
}

static void
name_all_of_type (GtkWidget  *root,
                  GType       type,
                  const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      name_all_of_type (child, type, name);
    }
}

/* GTK 4.8's shortcuts window has two unnamed buttons of its own in its
 * header: the search toggle and the section chooser. */
static void
name_shortcuts_window (GtkWidget *window)
{
  name_all_of_type (window, GTK_TYPE_TOGGLE_BUTTON, _("Search Shortcuts"));
  name_all_of_type (window, GTK_TYPE_MENU_BUTTON, _("Sections"));
}

static gboolean
widget_realized_cb (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  /* A whole window, dialog or popover at once, hidden pages included; any
   * other widget is itself a button or not. */
  if (GTK_IS_SHORTCUTS_WINDOW (widget))
    name_shortcuts_window (widget);
  if (GTK_IS_NATIVE (widget))
    troupe_accessible_name_buttons (widget);
  else
    name_one (widget);
  return TRUE;
}

void
troupe_accessible_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* The signal exists once the class does. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0,
                                  widget_realized_cb, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

#define ROW_NAME_KEY "troupe-accessible-row-name"

static void
name_row_of (GtkWidget *child)
{
  GtkWidget *row = gtk_widget_get_parent (child);
  const char *name = g_object_get_data (G_OBJECT (child), ROW_NAME_KEY);

  if (row != NULL && name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
child_parent_changed_cb (GtkWidget  *child,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  name_row_of (child);
}

void
troupe_accessible_name_list_row (GtkListItem *item,
                                 const char  *name)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  g_return_if_fail (child != NULL);

  /* The row widget is the parent of the child the factory made; a list
   * may bind an item before that child has its row. */
  if (g_object_get_data (G_OBJECT (child), ROW_NAME_KEY) == NULL)
    g_signal_connect (child, "notify::parent", G_CALLBACK (child_parent_changed_cb), NULL);
  g_object_set_data_full (G_OBJECT (child), ROW_NAME_KEY, g_strdup (name), g_free);
  name_row_of (child);
}
