/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-knowledge-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "troupe-accessible.h"
#include "troupe-document-row.h"
#include "troupe-knowledge-window-private.h"
#include "troupe-report.h"
#include "troupe-upload-view.h"

static void reporter_iface_init (TroupeReporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TroupeKnowledgeWindow, troupe_knowledge_window, ADW_TYPE_WINDOW,
                               G_IMPLEMENT_INTERFACE (TROUPE_TYPE_REPORTER, reporter_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the list's state ---- */

static const char *
list_state (TroupeKnowledgeWindow *self)
{
  TroupeStore *store = TROUPE_STORE (self->store);
  guint n = g_list_model_get_n_items (troupe_document_store_get_documents (self->store));

  if (n > 0)
    return g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0 ? "list" : "no-results";
  if (troupe_store_get_error_message (store) != NULL)
    return "error";
  /* Nothing is on its way without a connection: a spinner would wait forever. */
  if (troupe_context_get_client (self->context) == NULL)
    return "offline";
  if (troupe_store_get_loading (store) || !troupe_store_get_loaded (store))
    return "loading";
  return "empty";
}

static void
update_count (TroupeKnowledgeWindow *self)
{
  GListModel *documents = troupe_document_store_get_documents (self->store);
  guint n = g_list_model_get_n_items (documents);
  guint processing = 0, failed = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TroupeDocument) document = g_list_model_get_item (documents, i);

      if (troupe_document_get_state (document) == TROUPE_DOCUMENT_PROCESSING)
        processing++;
      else if (troupe_document_get_state (document) == TROUPE_DOCUMENT_FAILED)
        failed++;
    }
  if (n > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents", n), n);
  if (processing > 0)
    /* Translators: follows the number of documents: "12 documents, 3 processing". */
    g_string_append_printf (text, _(", %u processing"), processing);
  if (failed > 0)
    /* Translators: follows the number of documents: "12 documents, 1 failed". */
    g_string_append_printf (text, _(", %u failed"), failed);
  if (n > 0 && troupe_document_store_get_connections_loading (self->store))
    g_string_append (text, _(" · checking which characters use them…"));
  gtk_label_set_text (self->count_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n > 0);
}

void
troupe_knowledge_window_update_view (TroupeKnowledgeWindow *self)
{
  TroupeStore *store = TROUPE_STORE (self->store);
  const char *state = list_state (self);
  const char *error_message = troupe_store_get_error_message (store);
  gboolean connected = troupe_context_get_client (self->context) != NULL;

  if (error_message != NULL)
    troupe_list_page_set_error_message (self->list_page, error_message);
  /* Convai lists documents only through a character. */
  if (!troupe_document_store_get_has_lister (self->store) && troupe_store_get_loaded (store))
    g_object_set (self->list_page,
                  "empty-title", _("No Characters Yet"),
                  "empty-description", _("Convai shows the knowledge bank through a character. "
                                         "Create a character first; its documents then appear here."),
                  "empty-action-label", NULL,
                  NULL);
  else
    g_object_set (self->list_page,
                  "empty-title", _("No Documents Yet"),
                  "empty-description", _("Upload text, Markdown or CSV files, or drop them here. "
                                         "Characters you connect them to draw on what they say."),
                  "empty-action-label", _("_Upload…"),
                  NULL);
  troupe_list_page_set_can_cancel (self->list_page, troupe_store_get_loading (store));
  troupe_list_page_set_state (self->list_page, state);
  update_count (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.upload", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.reload", connected);
}

/* A refresh that failed over a list already shown keeps the list and says
 * why in the banner. */
static void
error_message_cb (TroupeKnowledgeWindow *self)
{
  const char *message = troupe_store_get_error_message (TROUPE_STORE (self->store));

  if (message != NULL && g_list_model_get_n_items (troupe_document_store_get_documents (self->store)) > 0)
    troupe_error_banner_show (self->error_banner, message);
  else if (message == NULL && troupe_store_get_loaded (TROUPE_STORE (self->store)))
    troupe_error_banner_hide (self->error_banner);
  troupe_knowledge_window_update_view (self);
}

/* ---- search and sort ---- */

static gboolean
matches_search (gpointer item,
                gpointer user_data)
{
  TroupeKnowledgeWindow *self = user_data;
  g_autofree char *folded = NULL;

  if (self->search == NULL)
    return TRUE;
  folded = g_utf8_casefold (troupe_document_get_name (item), -1);
  return strstr (folded, self->search) != NULL;
}

static int
compare_names (TroupeDocument *a,
               TroupeDocument *b)
{
  return strcmp (troupe_document_get_sort_key (a), troupe_document_get_sort_key (b));
}

static int
compare_documents (gconstpointer a_,
                   gconstpointer b_,
                   gpointer      user_data)
{
  TroupeKnowledgeWindow *self = user_data;
  TroupeDocument *a = (TroupeDocument *) a_;
  TroupeDocument *b = (TroupeDocument *) b_;
  int order = 0;

  switch (self->sort)
    {
    case SORT_DATE:
      {
        GDateTime *da = troupe_document_get_uploaded (a);
        GDateTime *db = troupe_document_get_uploaded (b);

        /* Newest first; undated last. */
        if (da != NULL && db != NULL)
          order = g_date_time_compare (db, da);
        else
          order = (da == NULL) - (db == NULL);
        break;
      }
    case SORT_SIZE:
      {
        guint64 sa = troupe_document_get_file_size (a);
        guint64 sb = troupe_document_get_file_size (b);

        /* Largest first. */
        order = (sa < sb) - (sa > sb);
        break;
      }
    case SORT_STATE:
      {
        /* What needs the person first: failed, then stalled, processing, ready. */
        int ra = troupe_document_get_state (a) == TROUPE_DOCUMENT_FAILED ? 0
                 : troupe_document_get_stalled (a) ? 1
                 : troupe_document_get_state (a) == TROUPE_DOCUMENT_PROCESSING ? 2 : 3;
        int rb = troupe_document_get_state (b) == TROUPE_DOCUMENT_FAILED ? 0
                 : troupe_document_get_stalled (b) ? 1
                 : troupe_document_get_state (b) == TROUPE_DOCUMENT_PROCESSING ? 2 : 3;

        order = ra - rb;
        break;
      }
    case SORT_NAME:
    default:
      break;
    }
  return order != 0 ? order : compare_names (a, b);
}

static void
search_changed_cb (TroupeKnowledgeWindow *self)
{
  const char *text = troupe_list_page_get_search_text (self->list_page);
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_clear_pointer (&self->search, g_free);
  if (stripped[0] != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  troupe_knowledge_window_update_view (self);
}

static gboolean
updates_settled_cb (gpointer user_data)
{
  TroupeKnowledgeWindow *self = user_data;

  self->updates_id = 0;
  /* A state, a new version's date or size can move a row. */
  if (self->sort != SORT_NAME)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  update_count (self);
  return G_SOURCE_REMOVE;
}

/* A poll can change hundreds of documents at once: the list is sorted and
 * counted again once for all of them, before the next frame. */
static void
document_updated_cb (TroupeKnowledgeWindow *self)
{
  if (self->updates_id == 0)
    self->updates_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, updates_settled_cb, self, NULL);
}

static const char * const sort_names[] = { "name", "date", "size", "state" };

static void
set_sort (TroupeKnowledgeWindow *self,
          const char            *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (g_strcmp0 (name, sort_names[i]) == 0 && self->sort != (TroupeKnowledgeSort) i)
      {
        self->sort = i;
        gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
      }
}

void
troupe_knowledge_window_focus_search (TroupeKnowledgeWindow *self)
{
  troupe_list_page_focus_search (self->list_page);
}

static void
retry_cb (TroupeKnowledgeWindow *self)
{
  troupe_store_reload (TROUPE_STORE (self->store));
}

static void
cancel_load_cb (TroupeKnowledgeWindow *self)
{
  troupe_store_cancel_load (TROUPE_STORE (self->store));
}

/* ---- rows ---- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TroupeKnowledgeWindow    *self)
{
  gtk_list_item_set_child (item, troupe_document_row_new (troupe_context_get_characters (self->context)));
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  TroupeDocument *document = gtk_list_item_get_item (item);

  troupe_document_row_set_document (TROUPE_DOCUMENT_ROW (gtk_list_item_get_child (item)), document);
  /* The row's details change as it is processed; its name does not. */
  troupe_accessible_name_list_row (item, troupe_document_get_name (document));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  troupe_document_row_set_document (TROUPE_DOCUMENT_ROW (gtk_list_item_get_child (item)), NULL);
}

/* ---- following the client; watching while shown ---- */

static void
sync_store (TroupeKnowledgeWindow *self)
{
  ConvaiClient *client = troupe_context_get_client (self->context);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  /* The first view to show the store gives it the client; the context
   * keeps it following from then on. */
  if (client != troupe_store_get_client (TROUPE_STORE (self->store)))
    troupe_store_set_client (TROUPE_STORE (self->store), client);
  else if (client != NULL && !troupe_store_get_loading (TROUPE_STORE (self->store)))
    /* Opened again: what changed elsewhere meanwhile. */
    troupe_store_reload (TROUPE_STORE (self->store));
  if (!self->watching)
    {
      self->watching = TRUE;
      troupe_document_store_watch (self->store);
    }
  troupe_knowledge_window_update_view (self);
}

static void
unmapped_cb (TroupeKnowledgeWindow *self)
{
  if (self->watching)
    {
      self->watching = FALSE;
      troupe_document_store_unwatch (self->store);
    }
}

static void
context_client_cb (TroupeKnowledgeWindow *self)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  troupe_knowledge_window_update_view (self);
}

/* ---- files dropped on the window ---- */

static gboolean
drop_cb (GtkDropTarget         *target,
         const GValue          *value,
         double                 x,
         double                 y,
         TroupeKnowledgeWindow *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GListStore) list = g_list_store_new (G_TYPE_FILE);

  if (troupe_context_get_client (self->context) == NULL)
    {
      troupe_error_banner_show (self->error_banner, _("Troupe is not connected, so nothing was uploaded."));
      return FALSE;
    }
  for (GSList *l = files; l != NULL; l = l->next)
    g_list_store_append (list, l->data);
  troupe_knowledge_window_upload_files (self, G_LIST_MODEL (list));
  return TRUE;
}

/* ---- TroupeReporter ---- */

static void
show_problem (TroupeReporter *reporter,
              const char     *text)
{
  troupe_error_banner_show (TROUPE_KNOWLEDGE_WINDOW (reporter)->error_banner, text);
}

static void
clear_problem (TroupeReporter *reporter)
{
  troupe_error_banner_hide (TROUPE_KNOWLEDGE_WINDOW (reporter)->error_banner);
}

static void
show_toast (TroupeReporter *reporter,
            const char     *text)
{
  troupe_knowledge_window_toast (TROUPE_KNOWLEDGE_WINDOW (reporter), text);
}

static void
reporter_iface_init (TroupeReporterInterface *iface)
{
  iface->show_problem = show_problem;
  iface->clear_problem = clear_problem;
  iface->show_toast = show_toast;
}

void
troupe_knowledge_window_toast (TroupeKnowledgeWindow *self,
                               const char            *text)
{
  g_free (self->news);
  self->news = g_strdup (text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* ---- public ---- */

TroupeKnowledgeWindow *
troupe_knowledge_window_new (TroupeContext *context)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (context), NULL);
  return g_object_new (TROUPE_TYPE_KNOWLEDGE_WINDOW, "context", context, NULL);
}

GListModel *
troupe_knowledge_window_get_shown (TroupeKnowledgeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_WINDOW (self), NULL);
  return G_LIST_MODEL (self->shown);
}

const char *
troupe_knowledge_window_get_state (TroupeKnowledgeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_WINDOW (self), NULL);
  return troupe_list_page_get_state (self->list_page);
}

void
troupe_knowledge_window_set_search_text (TroupeKnowledgeWindow *self,
                                         const char            *text)
{
  g_return_if_fail (TROUPE_IS_KNOWLEDGE_WINDOW (self));

  troupe_list_page_set_search_text (self->list_page, text);
  /* Now, not after the entry's typing delay. */
  search_changed_cb (self);
}

GtkFileChooserNative *
troupe_knowledge_window_get_chooser (TroupeKnowledgeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_WINDOW (self), NULL);
  return self->chooser;
}

AdwMessageDialog *
troupe_knowledge_window_get_dialog (TroupeKnowledgeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_WINDOW (self), NULL);
  return self->dialog;
}

const char *
troupe_knowledge_window_get_problem (TroupeKnowledgeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_WINDOW (self), NULL);
  return troupe_error_banner_get_text (self->error_banner);
}

const char *
troupe_knowledge_window_get_news (TroupeKnowledgeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_KNOWLEDGE_WINDOW (self), NULL);
  return self->news;
}

/* ---- GObject ---- */

static void
troupe_knowledge_window_constructed (GObject *object)
{
  TroupeKnowledgeWindow *self = TROUPE_KNOWLEDGE_WINDOW (object);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkDropTarget *drop;

  G_OBJECT_CLASS (troupe_knowledge_window_parent_class)->constructed (object);

  self->store = g_object_ref (troupe_context_get_documents (self->context));
  self->filtered = gtk_filter_list_model_new (g_object_ref (troupe_document_store_get_documents (self->store)),
                                              g_object_ref (GTK_FILTER (self->search_filter)));
  self->shown = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                         g_object_ref (GTK_SORTER (self->sorter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  adw_bin_set_child (self->uploads_bin, troupe_upload_view_new (troupe_context_get_uploads (self->context)));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (self->drop_area, GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (self->context, "notify::client", G_CALLBACK (context_client_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::state", G_CALLBACK (troupe_knowledge_window_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loading", G_CALLBACK (troupe_knowledge_window_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loaded", G_CALLBACK (troupe_knowledge_window_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::has-lister", G_CALLBACK (troupe_knowledge_window_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::connections-loading", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::error-message", G_CALLBACK (error_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "document-updated", G_CALLBACK (document_updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (troupe_knowledge_window_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (sync_store), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (unmapped_cb), NULL);
  troupe_knowledge_window_update_view (self);
}

static void
troupe_knowledge_window_dispose (GObject *object)
{
  TroupeKnowledgeWindow *self = TROUPE_KNOWLEDGE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->updates_id, g_source_remove);
  unmapped_cb (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_KNOWLEDGE_WINDOW);
  g_clear_object (&self->shown);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->news, g_free);
  G_OBJECT_CLASS (troupe_knowledge_window_parent_class)->dispose (object);
}

static void
troupe_knowledge_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TroupeKnowledgeWindow *self = TROUPE_KNOWLEDGE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_SORT: g_value_set_string (value, sort_names[self->sort]); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_knowledge_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TroupeKnowledgeWindow *self = TROUPE_KNOWLEDGE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    case PROP_SORT: set_sort (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_knowledge_window_class_init (TroupeKnowledgeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = troupe_knowledge_window_constructed;
  object_class->dispose = troupe_knowledge_window_dispose;
  object_class->get_property = troupe_knowledge_window_get_property;
  object_class->set_property = troupe_knowledge_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TROUPE_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* How the list is sorted: "name", "date" (newest first), "size" (largest
   * first) or "state" (what needs attention first); kb.sort sets it. */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "name",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TROUPE_TYPE_LIST_PAGE);
  g_type_ensure (TROUPE_TYPE_ERROR_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-knowledge-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgeWindow, drop_area);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgeWindow, error_banner);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgeWindow, uploads_bin);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgeWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgeWindow, list_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeKnowledgeWindow, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_load_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "kb.upload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "kb.search", NULL);
  gtk_widget_class_install_property_action (widget_class, "kb.sort", "sort");

  troupe_knowledge_window_install_actions (widget_class);
}

static void
troupe_knowledge_window_init (TroupeKnowledgeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->search_filter = gtk_custom_filter_new (matches_search, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_documents, self, NULL);
}
