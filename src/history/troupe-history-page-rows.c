/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The History page's session rows: the local date and time, the memory
 * flag, the number of exchanges and the first thing the player said,
 * following the session as its transcript is read. */
#define G_LOG_DOMAIN "troupe-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-accessible.h"
#include "troupe-history-page-private.h"


typedef struct
{
  GtkListItem          *item;   /* owns these parts */
  GtkLabel             *when;
  GtkLabel             *memory;
  GtkLabel             *detail;
  TroupeHistorySession *session;
  gulong                notify_id;
} RowParts;

static void
row_parts_unbind (RowParts *parts)
{
  if (parts->session != NULL)
    g_clear_signal_handler (&parts->notify_id, parts->session);
  g_clear_object (&parts->session);
}

static void
row_parts_free (RowParts *parts)
{
  row_parts_unbind (parts);
  g_free (parts);
}

static void
refresh_row (RowParts *parts)
{
  TroupeHistorySession *session = parts->session;
  g_autofree char *when = troupe_history_session_format_when (session);
  int n_turns = troupe_history_session_get_n_turns (session);
  const char *first_line = troupe_history_session_get_first_line (session);
  g_autofree char *detail = NULL;
  g_autofree char *name = NULL;

  if (n_turns < 0)
    detail = g_strdup (_("Not read yet"));
  else if (first_line != NULL)
    /* Translators: a session's number of exchanges, then what the player said first. */
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d exchange · “%s”", "%d exchanges · “%s”", n_turns),
                              n_turns, first_line);
  else
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d exchange", "%d exchanges", n_turns), n_turns);
  gtk_label_set_text (parts->when, when);
  gtk_label_set_text (parts->detail, detail);
  /* Translators: how a screen reader names a session row: its date, then its detail. */
  name = g_strdup_printf (_("%s, %s"), when, detail);
  troupe_accessible_name_list_row (parts->item, name);
  gtk_widget_set_visible (GTK_WIDGET (parts->memory), troupe_history_session_get_is_added_to_memory (session));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  RowParts *parts = g_new0 (RowParts, 1);

  parts->item = item;
  parts->when = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (parts->when, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (parts->when), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (parts->when), "heading");
  parts->memory = GTK_LABEL (gtk_label_new (_("In Memory")));
  gtk_widget_add_css_class (GTK_WIDGET (parts->memory), "troupe-flag");
  /* Hidden until a session in memory is bound, and before its tooltip:
   * a visible widget's new tooltip asks the X server where the pointer
   * is, two round trips for every row made. */
  gtk_widget_set_visible (GTK_WIDGET (parts->memory), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (parts->memory), _("This session was added to the character's memory"));
  parts->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (parts->detail, 0);
  gtk_label_set_ellipsize (parts->detail, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (parts->detail, TRUE);
  /* The list keeps its width whatever the player said first. */
  gtk_label_set_max_width_chars (parts->detail, 1);
  gtk_widget_add_css_class (GTK_WIDGET (parts->detail), "dim-label");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->when));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->memory));
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (parts->detail));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  g_object_set_data_full (G_OBJECT (item), "parts", parts, (GDestroyNotify) row_parts_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  RowParts *parts = g_object_get_data (G_OBJECT (item), "parts");

  row_parts_unbind (parts);
  parts->session = g_object_ref (gtk_list_item_get_item (item));
  parts->notify_id = g_signal_connect_swapped (parts->session, "notify", G_CALLBACK (refresh_row), parts);
  refresh_row (parts);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  row_parts_unbind (g_object_get_data (G_OBJECT (item), "parts"));
}

GtkListItemFactory *
troupe_history_page_make_session_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  return factory;
}
