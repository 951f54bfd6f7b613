/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Add Documents dialog: the documents not connected yet, a search,
 * check boxes, Add. */
#define G_LOG_DOMAIN "troupe-knowledge-picker"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "troupe-accessible.h"
#include "troupe-knowledge-picker.h"

struct _TroupeKnowledgePicker
{
  AdwWindow           parent_instance;

  GtkFilterListModel *available;  /* not connected */
  GtkFilterListModel *shown;      /* ... and matching the search */
  GtkCustomFilter    *search_filter;
  char               *search;     /* casefolded, NULL for none */
  GHashTable         *picked;     /* doc ids */
  GHashTable         *checks;     /* doc id -> GtkCheckButton of a bound row */

  /* Template widgets */
  GtkButton          *add_button;
  AdwStatusPage      *empty_page;
  GtkListView        *list_view;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  AdwWindowTitle     *window_title;
};

G_DEFINE_FINAL_TYPE (TroupeKnowledgePicker, troupe_knowledge_picker, ADW_TYPE_WINDOW)

enum { ADD, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
not_connected (gpointer item,
               gpointer user_data)
{
  return !convai_knowledge_doc_get_is_connected (item);
}

static gboolean
matches_search (gpointer item,
                gpointer user_data)
{
  TroupeKnowledgePicker *self = user_data;
  const char *name = convai_knowledge_doc_get_file_name (item);
  g_autofree char *folded = NULL;

  if (self->search == NULL)
    return TRUE;
  folded = g_utf8_casefold (name != NULL ? name : "", -1);
  return strstr (folded, self->search) != NULL;
}

static void
update_view (TroupeKnowledgePicker *self)
{
  guint n_available = g_list_model_get_n_items (G_LIST_MODEL (self->available));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  guint n_picked = g_hash_table_size (self->picked);
  g_autofree char *subtitle = NULL;

  if (n_available == 0)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing Left to Add"));
      adw_status_page_set_description (self->empty_page,
                                       _("Every document of the knowledge bank is connected already."));
    }
  else if (n_shown == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Documents"));
      adw_status_page_set_description (self->empty_page, _("No document name contains what was typed."));
    }
  gtk_stack_set_visible_child_name (self->stack, n_shown > 0 ? "list" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_available > 0);
  if (n_picked > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document picked", "%u documents picked", n_picked),
                                n_picked);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.add", n_picked > 0);
}

/* ---- rows ---- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  /* The row toggles it: a second target would toggle twice. */
  gtk_widget_set_can_target (check, FALSE);
  gtk_widget_set_can_focus (check, FALSE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static const char *
state_text (ConvaiKnowledgeDoc *doc)
{
  g_autoptr(JsonNode) node = NULL;

  if (convai_knowledge_doc_get_is_available (doc))
    return _("Ready");
  /* The server names why processing failed in an extra "error" field. */
  node = convai_knowledge_doc_to_json (doc);
  if (json_object_has_member (json_node_get_object (node), "error"))
    return _("Could not be processed");
  return _("Processing… it can be added once it is ready");
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TroupeKnowledgePicker    *self)
{
  ConvaiKnowledgeDoc *doc = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (check);
  GtkWidget *name = gtk_widget_get_first_child (texts);
  const char *id = convai_knowledge_doc_get_id (doc);
  const char *file_name = convai_knowledge_doc_get_file_name (doc);
  g_autofree char *size = g_format_size (convai_knowledge_doc_get_file_size (doc));
  /* Translators: a document's size, then whether it is processed. */
  g_autofree char *detail = g_strdup_printf (_("%s · %s"), size, state_text (doc));
  g_autofree char *label = g_strdup_printf (_("%s, %s"), file_name != NULL ? file_name : id, detail);

  gtk_label_set_text (GTK_LABEL (name), file_name != NULL ? file_name : id);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)), detail);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->picked, id));
  /* Only a processed document can be connected: the others are shown,
   * with why, but cannot be picked. */
  gtk_widget_set_sensitive (box, convai_knowledge_doc_get_is_available (doc));
  g_hash_table_insert (self->checks, g_strdup (id), check);
  troupe_accessible_name_list_row (item, label);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TroupeKnowledgePicker    *self)
{
  ConvaiKnowledgeDoc *doc = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  if (doc != NULL && g_hash_table_lookup (self->checks, convai_knowledge_doc_get_id (doc)) == check)
    g_hash_table_remove (self->checks, convai_knowledge_doc_get_id (doc));
}

/* ---- actions ---- */

static void
toggle (TroupeKnowledgePicker *self,
        const char            *id)
{
  GtkCheckButton *check = g_hash_table_lookup (self->checks, id);
  gboolean picked = !g_hash_table_contains (self->picked, id);

  if (picked)
    g_hash_table_add (self->picked, g_strdup (id));
  else
    g_hash_table_remove (self->picked, id);
  if (check != NULL)
    gtk_check_button_set_active (check, picked);
  update_view (self);
}

static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeKnowledgePicker *self = TROUPE_KNOWLEDGE_PICKER (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->available));

  /* Only what is offered can be picked. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (G_LIST_MODEL (self->available), i);

      if (g_strcmp0 (convai_knowledge_doc_get_id (doc), id) == 0)
        {
          if (convai_knowledge_doc_get_is_available (doc) || g_hash_table_contains (self->picked, id))
            toggle (self, id);
          return;
        }
    }
}

static void
row_activated_cb (TroupeKnowledgePicker *self,
                  guint                  position)
{
  g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (doc != NULL && convai_knowledge_doc_get_is_available (doc))
    toggle (self, convai_knowledge_doc_get_id (doc));
}

char **
troupe_knowledge_picker_dup_picked (TroupeKnowledgePicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_PICKER (self), NULL);

  /* In the list's order, not the hash table's. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->available));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (G_LIST_MODEL (self->available), i);

      if (g_hash_table_contains (self->picked, convai_knowledge_doc_get_id (doc))
          && convai_knowledge_doc_get_is_available (doc))
        g_strv_builder_add (builder, convai_knowledge_doc_get_id (doc));
    }
  return g_strv_builder_end (builder);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TroupeKnowledgePicker *self = TROUPE_KNOWLEDGE_PICKER (widget);
  g_auto(GStrv) ids = troupe_knowledge_picker_dup_picked (self);

  if (ids[0] == NULL)
    return;
  g_signal_emit (self, signals[ADD], 0, ids);
  gtk_window_close (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- search ---- */

static void
search_changed_cb (TroupeKnowledgePicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (stripped[0] != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
troupe_knowledge_picker_set_search (TroupeKnowledgePicker *self,
                                    const char            *text)
{
  g_return_if_fail (TROUPE_IS_KNOWLEDGE_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Now, not after the entry's typing delay. */
  search_changed_cb (self);
}

GListModel *
troupe_knowledge_picker_get_shown (TroupeKnowledgePicker *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_PICKER (self), NULL);
  return G_LIST_MODEL (self->shown);
}

/* ---- GObject ---- */

static void
troupe_knowledge_picker_dispose (GObject *object)
{
  TroupeKnowledgePicker *self = TROUPE_KNOWLEDGE_PICKER (object);

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  /* The rows go now, while the table they unbind from is still there. */
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_KNOWLEDGE_PICKER);
  g_clear_object (&self->shown);
  g_clear_object (&self->available);
  g_clear_object (&self->search_filter);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  G_OBJECT_CLASS (troupe_knowledge_picker_parent_class)->dispose (object);
}

static void
troupe_knowledge_picker_finalize (GObject *object)
{
  TroupeKnowledgePicker *self = TROUPE_KNOWLEDGE_PICKER (object);

  g_hash_table_unref (self->picked);
  g_free (self->search);
  G_OBJECT_CLASS (troupe_knowledge_picker_parent_class)->finalize (object);
}

static void
troupe_knowledge_picker_class_init (TroupeKnowledgePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = troupe_knowledge_picker_dispose;
  object_class->finalize = troupe_knowledge_picker_finalize;

  signals[ADD] = g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                               G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-knowledge-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePicker, add_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePicker, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePicker, stack);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePicker, window_title);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "picker.toggle", "s", toggle_action);
  gtk_widget_class_install_action (widget_class, "picker.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "picker.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "picker.cancel", NULL);
}

static void
troupe_knowledge_picker_init (TroupeKnowledgePicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->picked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

TroupeKnowledgePicker *
troupe_knowledge_picker_new (GListModel *documents,
                             const char *char_name)
{
  TroupeKnowledgePicker *self;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (documents), NULL);

  self = g_object_new (TROUPE_TYPE_KNOWLEDGE_PICKER, NULL);
  self->available = gtk_filter_list_model_new (g_object_ref (documents),
                                               GTK_FILTER (gtk_custom_filter_new (not_connected, NULL, NULL)));
  self->search_filter = gtk_custom_filter_new (matches_search, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->available)),
                                           g_object_ref (GTK_FILTER (self->search_filter)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  if (char_name != NULL)
    {
      /* Translators: the Add Documents dialog's subtitle when nothing is picked. */
      title = g_strdup_printf (_("Add Documents to %s"), char_name);
      adw_window_title_set_title (self->window_title, title);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  update_view (self);
  return self;
}
