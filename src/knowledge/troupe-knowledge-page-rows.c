/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Knowledge page's rows: a connected document's name, size and state
 * (a spinner while it is processed, the reason when it could not be), and
 * its Disconnect button. */
#define G_LOG_DOMAIN "troupe-knowledge-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-accessible.h"
#include "troupe-document.h"
#include "troupe-knowledge-page-private.h"

typedef struct
{
  GtkLabel   *name;
  GtkLabel   *detail;
  GtkSpinner *spinner;
  GtkImage   *failed;
  GtkButton  *disconnect;
} RowParts;

static char *
describe_state (ConvaiKnowledgeDoc *doc,
                gboolean           *processing,
                gboolean           *failed)
{
  g_autofree char *error = troupe_document_dup_processing_error (doc);

  *processing = FALSE;
  *failed = FALSE;
  if (convai_knowledge_doc_get_is_available (doc))
    return g_strdup (_("Ready"));
  if (error != NULL)
    {
      *failed = TRUE;
      /* Translators: the state of a document that could not be processed, with the server's reason. */
      return g_strdup_printf (_("Could not be processed: %s"), error);
    }
  *processing = TRUE;
  return g_strdup (_("Processing…"));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  RowParts *parts = g_new0 (RowParts, 1);

  parts->name = GTK_LABEL (gtk_label_new (NULL));
  parts->detail = GTK_LABEL (gtk_label_new (NULL));
  parts->spinner = GTK_SPINNER (gtk_spinner_new ());
  parts->failed = GTK_IMAGE (gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  parts->disconnect = GTK_BUTTON (gtk_button_new_from_icon_name ("list-remove-symbolic"));
  gtk_label_set_xalign (parts->name, 0);
  gtk_label_set_ellipsize (parts->name, PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (parts->detail, 0);
  gtk_label_set_wrap (parts->detail, TRUE);
  gtk_label_set_wrap_mode (parts->detail, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (parts->detail), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (parts->detail), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (parts->failed), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (parts->disconnect), "flat");
  gtk_widget_set_valign (GTK_WIDGET (parts->disconnect), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (parts->disconnect), _("Disconnect"));
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("text-x-generic-symbolic"));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (parts->name));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (parts->detail));
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (parts->spinner));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (parts->failed));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (parts->disconnect));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
  g_object_set_data_full (G_OBJECT (item), "troupe-row-parts", parts, g_free);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  RowParts *parts = g_object_get_data (G_OBJECT (item), "troupe-row-parts");
  ConvaiKnowledgeDoc *doc = gtk_list_item_get_item (item);
  const char *id = convai_knowledge_doc_get_id (doc);
  const char *file_name = convai_knowledge_doc_get_file_name (doc);
  const char *name = file_name != NULL ? file_name : id;
  g_autofree char *size = g_format_size (convai_knowledge_doc_get_file_size (doc));
  gboolean processing, failed;
  g_autofree char *state = describe_state (doc, &processing, &failed);
  /* Translators: a document's size, then its state ("Ready", "Processing…"). */
  g_autofree char *detail = g_strdup_printf (_("%s · %s"), size, state);
  /* Translators: how a screen reader names a document row: its name, then its size and state. */
  g_autofree char *label = g_strdup_printf (_("%s, %s"), name, detail);
  /* Translators: the accessible name of a document row's Disconnect button. */
  g_autofree char *disconnect = g_strdup_printf (_("Disconnect “%s”"), name);

  gtk_label_set_text (parts->name, name);
  gtk_label_set_text (parts->detail, detail);
  gtk_widget_set_visible (GTK_WIDGET (parts->spinner), processing);
  /* A spinner spins only while processing: idle means asleep. */
  gtk_spinner_set_spinning (parts->spinner, processing);
  gtk_widget_set_visible (GTK_WIDGET (parts->failed), failed);
  /* The name after the target: a name without one warns of a mismatch. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (parts->disconnect), "s", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (parts->disconnect), "knowledge.disconnect");
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->disconnect),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, disconnect, -1);
  troupe_accessible_name_list_row (item, label);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  RowParts *parts = g_object_get_data (G_OBJECT (item), "troupe-row-parts");

  gtk_spinner_set_spinning (parts->spinner, FALSE);
}

GtkListItemFactory *
troupe_knowledge_page_make_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  return factory;
}
