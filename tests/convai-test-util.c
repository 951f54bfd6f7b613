/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-test-util.h"

#include <glib/gstdio.h>

void
convai_test_result_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  troupe_test_result_cb (object, result, user_data);
}

GAsyncResult *
convai_test_await (GAsyncResult **slot)
{
  return troupe_test_wait_for_result (slot, "the sandbox's reply");
}

void
convai_test_wait_for (gboolean *flag)
{
  troupe_test_wait_for_flag (flag, "the sandbox");
}

ConvaiClient *
convai_test_client_new (TroupeTestSandbox *sandbox)
{
  return convai_client_new (sandbox->base_url, sandbox->api_key);
}

char *
convai_test_create_character (ConvaiClient *client,
                              const char   *name,
                              const char   *backstory)
{
  const char *actions[] = { "Wave", "Light the lamp", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  char *id;

  convai_client_create_character_async (client, name, "MALE", backstory, actions, NULL,
                                        convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  id = convai_client_create_character_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

GFile *
convai_test_write_file (const char *name,
                        const char *contents,
                        gssize      len)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

ConvaiKnowledgeDoc *
convai_test_upload_document (ConvaiClient *client,
                             const char   *name,
                             const char   *text)
{
  g_autoptr(GFile) file = convai_test_write_file (name, text, -1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  ConvaiKnowledgeDoc *doc;

  convai_client_upload_document_async (client, file, NULL, NULL, NULL, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  doc = convai_client_upload_document_finish (client, result, &error);
  g_assert_no_error (error);
  return doc;
}

GListModel *
convai_test_list_documents (ConvaiClient *client,
                            const char   *char_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GListModel *docs;

  convai_client_list_documents_async (client, char_id, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  docs = convai_client_list_documents_finish (client, result, &error);
  g_assert_no_error (error);
  return docs;
}

void
convai_test_set_document_connected (ConvaiClient *client,
                                    const char   *char_id,
                                    const char   *doc_id,
                                    gboolean      connected)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_set_document_connected_async (client, char_id, doc_id, connected, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  convai_client_set_document_connected_finish (client, result, &error);
  g_assert_no_error (error);
}
