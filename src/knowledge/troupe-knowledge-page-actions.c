/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Knowledge page's actions: add through the picker, connect,
 * disconnect with Undo, reload. Changes are written one after another:
 * each reads the list the one before wrote, so none undoes another. */
#define G_LOG_DOMAIN "troupe-knowledge-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-display-name.h"
#include "troupe-document-connect.h"
#include "troupe-knowledge-page-private.h"
#include "troupe-report.h"

typedef enum { CHANGE_CONNECT, CHANGE_DISCONNECT, CHANGE_UNDO } ChangeKind;

typedef struct
{
  TroupeKnowledgePage *page;
  ChangeKind           kind;
  char                *char_id;
  char                *char_name;
  char               **ids;
  char                *first_name;  /* of ids[0], for the words */
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->page);
  g_free (change->char_id);
  g_free (change->char_name);
  g_strfreev (change->ids);
  g_free (change->first_name);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static void run_next (TroupeKnowledgePage *self);

static char *
describe_done (Change *change,
               guint   n)
{
  switch (change->kind)
    {
    case CHANGE_DISCONNECT:
      return g_strdup_printf (_("Disconnected “%s”."), change->first_name);
    case CHANGE_UNDO:
    case CHANGE_CONNECT:
    default:
      if (n == 1)
        return g_strdup_printf (_("Connected “%s”."), change->first_name);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected %u document.", "Connected %u documents.", n), n);
    }
}

static char *
describe_failed (Change *change)
{
  guint n = g_strv_length (change->ids);

  if (change->kind == CHANGE_DISCONNECT)
    return g_strdup_printf (_("Could not disconnect “%s” from %s"), change->first_name, change->char_name);
  if (n == 1)
    return g_strdup_printf (_("Could not connect “%s” to %s"), change->first_name, change->char_name);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Could not connect %u document to %s",
                                       "Could not connect %u documents to %s", n), n, change->char_name);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  TroupeKnowledgePage *self = change->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *meanwhile = NULL;
  g_autoptr(GListModel) docs = troupe_document_connect_finish (result, &meanwhile, &error);
  g_autofree char *news = NULL;

  troupe_knowledge_page_release_busy (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (docs == NULL)
    {
      g_autofree char *failed = describe_failed (change);

      troupe_report_error (GTK_WIDGET (self), failed, error);
    }
  /* The answer is this character's list: another one open now keeps its own. */
  else if (g_strcmp0 (troupe_character_docs_get_char_id (self->docs), change->char_id) == 0)
    {
      g_autofree char *done = describe_done (change, g_strv_length (change->ids));

      troupe_character_docs_update (self->docs, docs, TRUE);
      if (change->kind == CHANGE_DISCONNECT)
        {
          g_strfreev (self->undo_ids);
          self->undo_ids = g_strdupv (change->ids);
        }
      news = meanwhile != NULL ? g_strconcat (done, " ", meanwhile, NULL) : g_steal_pointer (&done);
      troupe_knowledge_page_toast (self, news, change->kind == CHANGE_DISCONNECT);
    }
  run_next (self);
}

static void
run_next (TroupeKnowledgePage *self)
{
  Change *change;
  ConvaiClient *client = troupe_store_get_client (TROUPE_STORE (self->docs));
  g_autoptr(GListModel) shown = NULL;

  if (self->busy_count > 0 || (change = g_queue_pop_head (&self->changes)) == NULL)
    return;
  if (client == NULL)
    {
      troupe_report_problem (GTK_WIDGET (self), _("Troupe is not connected: nothing was changed."));
      change_free (change);
      run_next (self);
      return;
    }
  /* What the page shows, to say what the server changed meanwhile;
   * another character's list says nothing about this one. */
  if (g_strcmp0 (troupe_character_docs_get_char_id (self->docs), change->char_id) == 0)
    shown = g_object_ref (troupe_character_docs_get_connected (self->docs));
  troupe_knowledge_page_hold_busy (self);
  troupe_document_connect_async (client, change->char_id,
                                 change->kind != CHANGE_DISCONNECT ? (const char * const *) change->ids : NULL,
                                 change->kind == CHANGE_DISCONNECT ? (const char * const *) change->ids : NULL,
                                 shown, self->cancellable, written_cb, change);
}

static void
queue_change (TroupeKnowledgePage *self,
              ChangeKind           kind,
              const char * const  *ids)
{
  const char *char_id = troupe_character_docs_get_char_id (self->docs);
  ConvaiKnowledgeDoc *first;
  Change *change;

  if (ids == NULL || ids[0] == NULL)
    return;
  if (char_id == NULL)
    {
      troupe_report_problem (GTK_WIDGET (self), _("No character is open: nothing was changed."));
      return;
    }
  first = troupe_character_docs_lookup (self->docs, ids[0]);
  change = g_new0 (Change, 1);
  change->page = g_object_ref (self);
  change->kind = kind;
  change->char_id = g_strdup (char_id);
  change->char_name = g_strdup (troupe_character_display_name (self->character));
  change->ids = g_strdupv ((char **) ids);
  change->first_name = g_strdup (first != NULL && convai_knowledge_doc_get_file_name (first) != NULL
                                 ? convai_knowledge_doc_get_file_name (first) : ids[0]);
  g_queue_push_tail (&self->changes, change);
  run_next (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autofree const char **ids = g_variant_get_strv (parameter, NULL);

  queue_change (TROUPE_KNOWLEDGE_PAGE (widget), CHANGE_CONNECT, ids);
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *ids[] = { g_variant_get_string (parameter, NULL), NULL };

  queue_change (TROUPE_KNOWLEDGE_PAGE (widget), CHANGE_DISCONNECT, ids);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TroupeKnowledgePage *self = TROUPE_KNOWLEDGE_PAGE (widget);
  g_auto(GStrv) ids = g_steal_pointer (&self->undo_ids);

  troupe_knowledge_page_update_view (self);
  queue_change (self, CHANGE_UNDO, (const char * const *) ids);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeKnowledgePage *self = TROUPE_KNOWLEDGE_PAGE (widget);

  troupe_report_clear (widget);
  troupe_store_reload (TROUPE_STORE (self->docs));
}

/* ---- Add Documents… ---- */

static void
picker_add_cb (TroupeKnowledgePage  *self,
               char                **ids)
{
  queue_change (self, CHANGE_CONNECT, (const char * const *) ids);
}

static void
picker_destroy_cb (TroupeKnowledgePage *self,
                   GtkWidget           *picker)
{
  if (self->picker == TROUPE_KNOWLEDGE_PICKER (picker))
    self->picker = NULL;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TroupeKnowledgePage *self = TROUPE_KNOWLEDGE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->picker != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->picker));
      return;
    }
  self->picker = troupe_knowledge_picker_new (troupe_character_docs_get_documents (self->docs),
                                              troupe_character_display_name (self->character));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self->picker), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self->picker), TRUE);
  g_signal_connect_object (self->picker, "add", G_CALLBACK (picker_add_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "destroy", G_CALLBACK (picker_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->picker));
}

/* ---- Upload and Add… ---- */

/* Each file goes into the app's upload queue naming this character; the
 * context's connector adds it once the server has processed it, even if
 * the page shows another character by then. */
static void
upload_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  TroupeKnowledgePage *self = TROUPE_KNOWLEDGE_PAGE (user_data);
  const char *char_id = troupe_character_docs_get_char_id (self->docs);

  if (response == GTK_RESPONSE_ACCEPT && char_id != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      TroupeUploadQueue *uploads = troupe_context_get_uploads (self->context);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          troupe_upload_queue_add_file (uploads, file, char_id);
        }
    }
  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (chooser))
    g_clear_object (&self->chooser);
}

static void
upload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeKnowledgePage *self = TROUPE_KNOWLEDGE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *title = g_strdup_printf (_("Upload and Add to %s"), troupe_character_display_name (self->character));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Upload"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  /* What the queue accepts; it still checks each file and says why it refuses one. */
  gtk_file_filter_set_name (filter, _("Text, Markdown and CSV"));
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (upload_response_cb), self, 0);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_set_object (&self->chooser, chooser);
  g_object_unref (chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
troupe_knowledge_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "knowledge.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "knowledge.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "knowledge.upload", NULL, upload_action);
  gtk_widget_class_install_action (widget_class, "knowledge.connect", "as", connect_action);
  gtk_widget_class_install_action (widget_class, "knowledge.disconnect", "s", disconnect_action);
  gtk_widget_class_install_action (widget_class, "knowledge.undo", NULL, undo_action);
}

void
troupe_knowledge_page_drop_changes (TroupeKnowledgePage *self)
{
  Change *change;

  while ((change = g_queue_pop_head (&self->changes)) != NULL)
    change_free (change);
}
