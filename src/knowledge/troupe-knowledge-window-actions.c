/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Knowledge Bank manager's actions: upload, a new version, retry a
 * document the server could not process, keep waiting for a slow one,
 * delete (asked first), reload, search. */
#define G_LOG_DOMAIN "troupe-knowledge-window"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-confirm-dialog.h"
#include "troupe-document-row.h"
#include "troupe-knowledge-window-private.h"
#include "troupe-report.h"

/* ---- choosing files ---- */

typedef void (*ChosenFunc) (TroupeKnowledgeWindow *self,
                            GListModel            *files,
                            const char            *doc_id);

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     TroupeKnowledgeWindow *self)
{
  ChosenFunc chosen = g_object_get_data (G_OBJECT (chooser), "troupe-chosen");
  const char *doc_id = g_object_get_data (G_OBJECT (chooser), "troupe-doc-id");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      chosen (self, files, doc_id);
    }
  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (chooser))
    g_clear_object (&self->chooser);
}

static void
choose_files (TroupeKnowledgeWindow *self,
              const char            *title,
              const char            *accept,
              gboolean               several,
              ChosenFunc             chosen,
              const char            *doc_id)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, accept, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), several);
  /* What the queue accepts; it still checks each file and says why it refuses one. */
  gtk_file_filter_set_name (filter, _("Text, Markdown and CSV"));
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "troupe-chosen", chosen);
  g_object_set_data_full (G_OBJECT (chooser), "troupe-doc-id", g_strdup (doc_id), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_set_object (&self->chooser, chooser);
  g_object_unref (chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- upload ---- */

void
troupe_knowledge_window_upload_files (TroupeKnowledgeWindow *self,
                                      GListModel            *files)
{
  TroupeUploadQueue *uploads;
  guint n;

  g_return_if_fail (TROUPE_IS_KNOWLEDGE_WINDOW (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  uploads = troupe_context_get_uploads (self->context);
  n = g_list_model_get_n_items (files);
  /* Each gets its row in the queue: progress, or why it was refused. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      troupe_upload_queue_add_file (uploads, file, NULL);
    }
}

static void
upload_chosen (TroupeKnowledgeWindow *self,
               GListModel            *files,
               const char            *doc_id)
{
  troupe_knowledge_window_upload_files (self, files);
}

static void
upload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_files (TROUPE_KNOWLEDGE_WINDOW (widget), _("Upload to the Knowledge Bank"), _("_Upload"),
                TRUE, upload_chosen, NULL);
}

/* ---- a new version ---- */

void
troupe_knowledge_window_replace_with (TroupeKnowledgeWindow *self,
                                      const char            *doc_id,
                                      GFile                 *file)
{
  g_return_if_fail (TROUPE_IS_KNOWLEDGE_WINDOW (self));
  g_return_if_fail (doc_id != NULL);
  g_return_if_fail (G_IS_FILE (file));

  /* The update call keeps the id, so every character keeps it connected. */
  troupe_upload_queue_add_new_version (troupe_context_get_uploads (self->context), doc_id, file);
}

static void
replace_chosen (TroupeKnowledgeWindow *self,
                GListModel            *files,
                const char            *doc_id)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  if (file != NULL)
    troupe_knowledge_window_replace_with (self, doc_id, file);
}

static void
choose_new_version (TroupeKnowledgeWindow *self,
                    const char            *doc_id)
{
  TroupeDocument *document = troupe_document_store_lookup (self->store, doc_id);
  g_autofree char *title = NULL;

  if (document == NULL)
    return;
  title = g_strdup_printf (_("New Version of “%s”"), troupe_document_get_name (document));
  choose_files (self, title, _("_Upload New Version"), FALSE, replace_chosen, doc_id);
}

static void
replace_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  choose_new_version (TROUPE_KNOWLEDGE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The server could not process it: send the same file again as a new
 * version when this app uploaded it (the queue still knows the file), or
 * ask for one. Convai has no way to process it again as it is. */
static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TroupeKnowledgeWindow *self = TROUPE_KNOWLEDGE_WINDOW (widget);
  const char *doc_id = g_variant_get_string (parameter, NULL);
  GListModel *uploads = G_LIST_MODEL (troupe_context_get_uploads (self->context));

  for (guint i = g_list_model_get_n_items (uploads); i > 0; i--)
    {
      g_autoptr(TroupeUpload) upload = g_list_model_get_item (uploads, i - 1);

      if (troupe_upload_get_state (upload) == TROUPE_UPLOAD_DONE
          && g_strcmp0 (troupe_upload_get_document_id (upload), doc_id) == 0)
        {
          troupe_knowledge_window_replace_with (self, doc_id, troupe_upload_get_file (upload));
          return;
        }
    }
  choose_new_version (self, doc_id);
}

static void
keep_waiting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TroupeKnowledgeWindow *self = TROUPE_KNOWLEDGE_WINDOW (widget);

  troupe_document_store_keep_waiting (self->store, g_variant_get_string (parameter, NULL));
}

/* ---- delete ---- */

typedef struct
{
  TroupeKnowledgeWindow *self;
  char                  *name;
} Deletion;

static void
deletion_free (Deletion *deletion)
{
  g_object_unref (deletion->self);
  g_free (deletion->name);
  g_free (deletion);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Deletion *deletion = user_data;
  g_autoptr(GError) error = NULL;

  if (!troupe_document_store_delete_finish (TROUPE_DOCUMENT_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *failed = g_strdup_printf (_("Could not delete “%s”"), deletion->name);

          troupe_report_error (GTK_WIDGET (deletion->self), failed, error);
        }
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Deleted “%s”."), deletion->name);

      troupe_report_clear (GTK_WIDGET (deletion->self));
      troupe_knowledge_window_toast (deletion->self, text);
    }
  deletion_free (deletion);
}

static void
delete_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    TroupeKnowledgeWindow *self)
{
  const char *doc_id = g_object_get_data (G_OBJECT (dialog), "troupe-doc-id");

  if (self->dialog == dialog)
    self->dialog = NULL;
  if (g_strcmp0 (response, "delete") == 0)
    {
      TroupeDocument *document = troupe_document_store_lookup (self->store, doc_id);
      Deletion *deletion = g_new0 (Deletion, 1);

      deletion->self = g_object_ref (self);
      deletion->name = g_strdup (document != NULL ? troupe_document_get_name (document) : doc_id);
      troupe_document_store_delete_async (self->store, doc_id, self->cancellable, deleted_cb, deletion);
    }
}

static char *
describe_deletion (TroupeKnowledgeWindow *self,
                   TroupeDocument        *document)
{
  g_autofree char *users = troupe_document_describe_users (document, troupe_context_get_characters (self->context));
  const char * const *ids = troupe_document_get_connected_ids (document);

  if (users == NULL)
    return g_strdup (_("It leaves every character it is connected to. This cannot be undone."));
  if (ids[0] == NULL)
    return g_strdup_printf (_("%s. This cannot be undone."), users);
  /* Translators: %s is "Used by Ada and 3 others". */
  return g_strdup_printf (_("%s: it leaves each of them. This cannot be undone."), users);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeKnowledgeWindow *self = TROUPE_KNOWLEDGE_WINDOW (widget);
  const char *doc_id = g_variant_get_string (parameter, NULL);
  TroupeDocument *document = troupe_document_store_lookup (self->store, doc_id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (document == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), troupe_document_get_name (document));
  body = describe_deletion (self, document);
  dialog = troupe_confirm_dialog_new (widget, heading, body, "delete", _("_Delete"),
                                      ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "troupe-doc-id", g_strdup (doc_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the rest ---- */

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  troupe_store_reload (TROUPE_STORE (TROUPE_KNOWLEDGE_WINDOW (widget)->store));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  troupe_knowledge_window_focus_search (TROUPE_KNOWLEDGE_WINDOW (widget));
}

void
troupe_knowledge_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "kb.upload", NULL, upload_action);
  gtk_widget_class_install_action (widget_class, "kb.replace", "s", replace_action);
  gtk_widget_class_install_action (widget_class, "kb.retry", "s", retry_action);
  gtk_widget_class_install_action (widget_class, "kb.keep-waiting", "s", keep_waiting_action);
  gtk_widget_class_install_action (widget_class, "kb.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "kb.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "kb.search", NULL, search_action);
}
