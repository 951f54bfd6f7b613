/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-knowledge-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "troupe-knowledge-page-private.h"
#include "troupe-report.h"
#include "troupe-upload-view.h"

static void page_iface_init (TroupePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TroupeKnowledgePage, troupe_knowledge_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TROUPE_TYPE_PAGE, page_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_STATE,
  PROP_CHARACTER,
  PROP_DIRTY,
  PROP_BUSY,
  PROP_SAVING,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- state ---- */

void
troupe_knowledge_page_hold_busy (TroupeKnowledgePage *self)
{
  if (self->busy_count++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
troupe_knowledge_page_release_busy (TroupeKnowledgePage *self)
{
  g_assert (self->busy_count > 0);
  if (--self->busy_count == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static const char *
list_state (TroupeKnowledgePage *self)
{
  TroupeStore *store = TROUPE_STORE (self->docs);
  guint n = g_list_model_get_n_items (troupe_character_docs_get_connected (self->docs));

  if (n > 0)
    return g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0 ? "list" : "no-results";
  if (troupe_store_get_error_message (store) != NULL)
    return "error";
  /* Nothing is on its way without a connection: a spinner would wait forever. */
  if (troupe_store_get_client (store) == NULL && troupe_context_get_client (self->context) == NULL)
    return "offline";
  if (troupe_store_get_loading (store) || !troupe_store_get_loaded (store))
    return "loading";
  return "empty";
}

static void
update_count (TroupeKnowledgePage *self,
              guint                n)
{
  g_autofree char *text = NULL;

  if (n == 0 && troupe_store_get_loading (TROUPE_STORE (self->docs)))
    text = g_strdup (_("Loading…"));
  else if (n == 0)
    text = g_strdup (_("Knowledge"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Document Connected", "%u Documents Connected", n), n);
  gtk_label_set_text (self->count_label, text);
}

void
troupe_knowledge_page_update_view (TroupeKnowledgePage *self)
{
  const char *state = list_state (self);
  const char *error_message = troupe_store_get_error_message (TROUPE_STORE (self->docs));
  gboolean has_char = troupe_character_docs_get_char_id (self->docs) != NULL;
  gboolean can_write = has_char && troupe_store_get_client (TROUPE_STORE (self->docs)) != NULL;

  if (error_message != NULL)
    troupe_list_page_set_error_message (self->list_page, error_message);
  troupe_list_page_set_can_cancel (self->list_page, troupe_store_get_loading (TROUPE_STORE (self->docs)));
  if (g_strcmp0 (troupe_list_page_get_state (self->list_page), state) != 0)
    {
      troupe_list_page_set_state (self->list_page, state);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  update_count (self, g_list_model_get_n_items (troupe_character_docs_get_connected (self->docs)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knowledge.add",
                                 can_write && troupe_store_get_loaded (TROUPE_STORE (self->docs)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knowledge.reload", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knowledge.upload", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knowledge.undo", can_write && self->undo_ids != NULL);
}

/* A refresh that failed over a list already shown keeps the list and says
 * why in the banner. */
static void
error_message_cb (TroupeKnowledgePage *self)
{
  const char *message = troupe_store_get_error_message (TROUPE_STORE (self->docs));

  if (message != NULL && g_list_model_get_n_items (troupe_character_docs_get_connected (self->docs)) > 0)
    troupe_report_problem (GTK_WIDGET (self), message);
  troupe_knowledge_page_update_view (self);
}

static void
toast_undo_cb (TroupeKnowledgePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "knowledge.undo", NULL);
}

void
troupe_knowledge_page_toast (TroupeKnowledgePage *self,
                             const char          *text,
                             gboolean             undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  g_free (self->news);
  self->news = g_strdup (text);
  troupe_knowledge_page_update_view (self);
  if (!undo || overlay == NULL)
    {
      troupe_report_toast (GTK_WIDGET (self), text);
      return;
    }
  /* The reporter's toasts have no button; this one offers Undo. */
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* ---- following the character and the client ---- */

/* Loads only once the page is shown: opening a character must not read
 * its documents unless the person looks at them. */
static void
sync_docs (TroupeKnowledgePage *self)
{
  ConvaiClient *client = troupe_context_get_client (self->context);
  const char *char_id = self->character != NULL ? convai_character_get_id (self->character) : NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (client != troupe_store_get_client (TROUPE_STORE (self->docs)))
    {
      troupe_character_docs_set_char_id (self->docs, NULL);
      troupe_store_set_client (TROUPE_STORE (self->docs), client);
    }
  troupe_character_docs_set_char_id (self->docs, char_id);
  /* Processing states are followed only while the page is seen. */
  troupe_character_docs_set_watched (self->docs, TRUE);
  troupe_knowledge_page_update_view (self);
}

static void
unmapped_cb (TroupeKnowledgePage *self)
{
  troupe_character_docs_set_watched (self->docs, FALSE);
}

static void
context_client_cb (TroupeKnowledgePage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sync_docs (self);
  else
    {
      troupe_character_docs_set_char_id (self->docs, NULL);
      troupe_store_set_client (TROUPE_STORE (self->docs), NULL);
    }
  troupe_knowledge_page_update_view (self);
}

static void
set_character (TroupeKnowledgePage *self,
               ConvaiCharacter     *character)
{
  if (self->character == character)
    return;
  g_set_object (&self->character, character);
  g_clear_pointer (&self->undo_ids, g_strfreev);
  if (self->picker != NULL)
    gtk_window_destroy (GTK_WINDOW (self->picker));
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sync_docs (self);
  else
    troupe_character_docs_set_char_id (self->docs, NULL);
  troupe_knowledge_page_update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

/* ---- search ---- */

static gboolean
matches_search (gpointer item,
                gpointer user_data)
{
  TroupeKnowledgePage *self = user_data;
  const char *name = convai_knowledge_doc_get_file_name (item);
  g_autofree char *folded = NULL;

  if (self->search == NULL)
    return TRUE;
  folded = g_utf8_casefold (name != NULL ? name : "", -1);
  return strstr (folded, self->search) != NULL;
}

static void
search_changed_cb (TroupeKnowledgePage *self)
{
  const char *text = troupe_list_page_get_search_text (self->list_page);
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_clear_pointer (&self->search, g_free);
  if (stripped[0] != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  troupe_knowledge_page_update_view (self);
}

static void
retry_cb (TroupeKnowledgePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "knowledge.reload", NULL);
}

static void
cancel_load_cb (TroupeKnowledgePage *self)
{
  troupe_store_cancel_load (TROUPE_STORE (self->docs));
}

/* ---- TroupePage ---- */

static void
page_iface_init (TroupePageInterface *iface)
{
  /* Every change is written at once: no save, discard or draft. */
}

/* ---- public ---- */

TroupeKnowledgePage *
troupe_knowledge_page_new (TroupeContext *context)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (context), NULL);

  return g_object_new (TROUPE_TYPE_KNOWLEDGE_PAGE, "context", context, NULL);
}

TroupeCharacterDocs *
troupe_knowledge_page_get_docs (TroupeKnowledgePage *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_PAGE (self), NULL);
  return self->docs;
}

const char *
troupe_knowledge_page_get_state (TroupeKnowledgePage *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_PAGE (self), NULL);
  return troupe_list_page_get_state (self->list_page);
}

GListModel *
troupe_knowledge_page_get_shown (TroupeKnowledgePage *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_PAGE (self), NULL);
  return G_LIST_MODEL (self->shown);
}

void
troupe_knowledge_page_set_search_text (TroupeKnowledgePage *self,
                                       const char          *text)
{
  g_return_if_fail (TROUPE_IS_KNOWLEDGE_PAGE (self));

  troupe_list_page_set_search_text (self->list_page, text);
  /* Now, not after the entry's typing delay. */
  search_changed_cb (self);
}

TroupeKnowledgePicker *
troupe_knowledge_page_get_picker (TroupeKnowledgePage *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_PAGE (self), NULL);
  return self->picker;
}

const char *
troupe_knowledge_page_get_news (TroupeKnowledgePage *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_PAGE (self), NULL);
  return self->news;
}

/* ---- Upload and Add: what the context's connector did ---- */

static void
upload_connected_cb (TroupeKnowledgePage *self,
                     const char          *char_id,
                     GListModel          *docs)
{
  if (g_strcmp0 (char_id, troupe_character_docs_get_char_id (self->docs)) == 0)
    troupe_character_docs_update (self->docs, docs, TRUE);
}

/* Whichever character is open: the upload was this window's. */
static void
upload_failed_cb (TroupeKnowledgePage *self,
                  const char          *char_id,
                  const char          *file_name,
                  const char          *message)
{
  troupe_report_problem (GTK_WIDGET (self), message);
}

GtkFileChooserNative *
troupe_knowledge_page_get_chooser (TroupeKnowledgePage *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_PAGE (self), NULL);
  return self->chooser;
}

/* ---- GObject ---- */

static void
troupe_knowledge_page_constructed (GObject *object)
{
  TroupeKnowledgePage *self = TROUPE_KNOWLEDGE_PAGE (object);

  G_OBJECT_CLASS (troupe_knowledge_page_parent_class)->constructed (object);
  g_signal_connect_object (self->context, "notify::client", G_CALLBACK (context_client_cb), self, G_CONNECT_SWAPPED);
  troupe_character_docs_set_shared (self->docs, troupe_context_get_documents (self->context));
  adw_bin_set_child (self->uploads_bin, troupe_upload_view_new (troupe_context_get_uploads (self->context)));
  g_signal_connect_object (troupe_context_get_upload_connector (self->context), "connected",
                           G_CALLBACK (upload_connected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (troupe_context_get_upload_connector (self->context), "failed",
                           G_CALLBACK (upload_failed_cb), self, G_CONNECT_SWAPPED);
  troupe_knowledge_page_update_view (self);
}

static void
troupe_knowledge_page_dispose (GObject *object)
{
  TroupeKnowledgePage *self = TROUPE_KNOWLEDGE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  troupe_knowledge_page_drop_changes (self);
  if (self->picker != NULL)
    gtk_window_destroy (GTK_WINDOW (self->picker));
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_KNOWLEDGE_PAGE);
  if (self->docs != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->docs, self);
      g_signal_handlers_disconnect_by_data (self->shown, self);
    }
  g_clear_object (&self->shown);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->docs);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->character);
  g_clear_object (&self->context);
  g_clear_pointer (&self->undo_ids, g_strfreev);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->news, g_free);
  G_OBJECT_CLASS (troupe_knowledge_page_parent_class)->dispose (object);
}

static void
troupe_knowledge_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TroupeKnowledgePage *self = TROUPE_KNOWLEDGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_STATE: g_value_set_string (value, troupe_knowledge_page_get_state (self)); break;
    case PROP_CHARACTER: g_value_set_object (value, self->character); break;
    case PROP_DIRTY: g_value_set_boolean (value, FALSE); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy_count > 0); break;
    case PROP_SAVING: g_value_set_boolean (value, FALSE); break;
    case PROP_TITLE: g_value_set_string (value, NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_knowledge_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TroupeKnowledgePage *self = TROUPE_KNOWLEDGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    case PROP_CHARACTER: set_character (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_knowledge_page_class_init (TroupeKnowledgePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = troupe_knowledge_page_constructed;
  object_class->dispose = troupe_knowledge_page_dispose;
  object_class->get_property = troupe_knowledge_page_get_property;
  object_class->set_property = troupe_knowledge_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TROUPE_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_CONTEXT, properties[PROP_CONTEXT]);
  g_object_class_install_property (object_class, PROP_STATE, properties[PROP_STATE]);
  g_object_class_override_property (object_class, PROP_CHARACTER, "character");
  g_object_class_override_property (object_class, PROP_DIRTY, "dirty");
  g_object_class_override_property (object_class, PROP_BUSY, "busy");
  g_object_class_override_property (object_class, PROP_SAVING, "saving");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  properties[PROP_CHARACTER] = g_object_class_find_property (object_class, "character");
  properties[PROP_BUSY] = g_object_class_find_property (object_class, "busy");

  g_type_ensure (TROUPE_TYPE_LIST_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-knowledge-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePage, uploads_bin);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePage, list_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgePage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, cancel_load_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  troupe_knowledge_page_install_actions (widget_class);
}

static void
troupe_knowledge_page_init (TroupeKnowledgePage *self)
{
  g_autoptr(GtkListItemFactory) factory = troupe_knowledge_page_make_factory ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->docs = troupe_character_docs_new ();
  self->search_filter = gtk_custom_filter_new (matches_search, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (troupe_character_docs_get_connected (self->docs)),
                                           g_object_ref (GTK_FILTER (self->search_filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->docs, "notify::state", G_CALLBACK (troupe_knowledge_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->docs, "notify::loading", G_CALLBACK (troupe_knowledge_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->docs, "notify::loaded", G_CALLBACK (troupe_knowledge_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->docs, "notify::error-message", G_CALLBACK (error_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (troupe_knowledge_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (sync_docs), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (unmapped_cb), NULL);
}
