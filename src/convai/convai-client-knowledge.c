/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The knowledge bank: uploads stream from disk; list and delete are form
 * posts; connecting goes through character/update `docs`. */
#include "convai-client-private.h"
#include "convai-error.h"
#include "convai-knowledge-doc.h"

static const ConvaiCall upload_call = { "POST", "character/knowledge-bank/upload", FALSE,
                                        (ConvaiDecodeFunc) convai_knowledge_doc_new_from_json, g_object_unref };
static const ConvaiCall update_call = { "POST", "character/knowledge-bank/update", FALSE,
                                        (ConvaiDecodeFunc) convai_knowledge_doc_new_from_json, g_object_unref };
static const ConvaiCall list_call = { "POST", "character/knowledge-bank/list", TRUE,
                                      (ConvaiDecodeFunc) convai_knowledge_doc_list_from_json, g_object_unref };
/* The reply, {"Successfully deleted document"}, is not JSON: any 2xx is success. */
static const ConvaiCall delete_call = { "POST", "character/knowledge-bank/delete", FALSE, NULL, NULL };

static const char *
guess_content_type (const char *file_name)
{
  static const struct { const char *suffix; const char *type; } types[] = {
    { ".txt", "text/plain" }, { ".md", "text/markdown" }, { ".csv", "text/csv" },
    { ".pdf", "application/pdf" }, { ".json", "application/json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (file_name, types[i].suffix))
      return types[i].type;
  return "application/octet-stream";
}

static void
send_multipart (ConvaiClient          *self,
                const ConvaiCall      *call,
                const char            *field,
                const char            *value,
                GFile                 *file,
                const char            *file_name,
                GFileProgressCallback  progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                GAsyncReadyCallback    callback,
                gpointer               user_data,
                gpointer               source_tag)
{
  g_autoptr(ConvaiMultipartStream) body = convai_multipart_stream_new (NULL);
  g_autofree char *basename = g_file_get_basename (file);
  const char *name = file_name ? file_name : basename;
  GError *error = NULL;

  convai_multipart_stream_add_field (body, field, value ? value : name);
  if (!convai_multipart_stream_add_file (body, "file", name, guess_content_type (name),
                                         file, cancellable, &error))
    {
      g_task_report_error (self, callback, user_data, source_tag, error);
      return;
    }
  convai_multipart_stream_set_progress_callback (body, progress, progress_data);
  convai_client_call_stream_async (self, call, body, cancellable, callback, user_data, source_tag);
}

void
convai_client_upload_document_async (ConvaiClient          *self,
                                     GFile                 *file,
                                     const char            *file_name,
                                     GFileProgressCallback  progress,
                                     gpointer               progress_data,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));
  send_multipart (self, &upload_call, "file_name", file_name, file, file_name,
                  progress, progress_data, cancellable, callback, user_data,
                  convai_client_upload_document_async);
}

ConvaiKnowledgeDoc *
convai_client_upload_document_finish (ConvaiClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_upload_document_async, error);
}

void
convai_client_update_document_async (ConvaiClient          *self,
                                     const char            *doc_id,
                                     GFile                 *file,
                                     GFileProgressCallback  progress,
                                     gpointer               progress_data,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (doc_id != NULL && G_IS_FILE (file));
  send_multipart (self, &update_call, "document_id", doc_id, file, NULL,
                  progress, progress_data, cancellable, callback, user_data,
                  convai_client_update_document_async);
}

ConvaiKnowledgeDoc *
convai_client_update_document_finish (ConvaiClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_update_document_async, error);
}

void
convai_client_list_documents_async (ConvaiClient        *self,
                                    const char          *char_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL);
  convai_client_call_form_async (self, &list_call, cancellable, callback, user_data,
                                 convai_client_list_documents_async,
                                 "character_id", char_id, NULL);
}

GListModel *
convai_client_list_documents_finish (ConvaiClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_list_documents_async, error);
}

void
convai_client_delete_document_async (ConvaiClient        *self,
                                     const char          *doc_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (doc_id != NULL);
  convai_client_call_form_async (self, &delete_call, cancellable, callback, user_data,
                                 convai_client_delete_document_async,
                                 "document_id", doc_id, NULL);
}

gboolean
convai_client_delete_document_finish (ConvaiClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return convai_client_call_finish_boolean (self, result, convai_client_delete_document_async, error);
}

static void
connect_updated_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!convai_client_update_character_finish (CONVAI_CLIENT (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
convai_client_set_document_connected_async (ConvaiClient        *self,
                                            const char          *char_id,
                                            const char          *doc_id,
                                            gboolean             connected,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(ConvaiCharacterPatch) patch = convai_character_patch_new ();
  GTask *task;

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL && doc_id != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, convai_client_set_document_connected_async);
  convai_character_patch_set_document_connected (patch, doc_id, connected);
  convai_client_update_character_async (self, char_id, patch, cancellable, connect_updated_cb, task);
}

gboolean
convai_client_set_document_connected_finish (ConvaiClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  return convai_client_call_finish_boolean (self, result, convai_client_set_document_connected_async, error);
}
