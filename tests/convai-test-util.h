/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <convai.h>

#include "troupe-test-sandbox.h"
#include "troupe-test-wait.h"

G_BEGIN_DECLS

/* libconvai against a real troupe-sandbox: a client for it, and a way to
 * wait for one async result on the default main context (the shared waits
 * of troupe-test-wait.h, which fail the test when a reply never comes). */

/* Pass as the GAsyncReadyCallback with &slot (a NULL GAsyncResult *). */
void          convai_test_result_cb     (GObject       *object,
                                         GAsyncResult  *result,
                                         gpointer       user_data);
/* Iterates the main context until *@slot is set; returns it (owned). */
GAsyncResult *convai_test_await         (GAsyncResult **slot);
/* Iterates the main context until *@flag is TRUE. */
void          convai_test_wait_for      (gboolean      *flag);

ConvaiClient *convai_test_client_new    (TroupeTestSandbox *sandbox);
/* Creates a character and answers its id; asserts success. */
char         *convai_test_create_character (ConvaiClient *client,
                                            const char   *name,
                                            const char   *backstory);
/* Writes @contents into a new file in the test's data folder. */
GFile        *convai_test_write_file    (const char    *name,
                                         const char    *contents,
                                         gssize         len);

/* Knowledge bank calls that must succeed (each asserts it did). */
ConvaiKnowledgeDoc *convai_test_upload_document  (ConvaiClient *client,
                                                  const char   *name,
                                                  const char   *text);
GListModel   *convai_test_list_documents         (ConvaiClient *client,
                                                  const char   *char_id);
void          convai_test_set_document_connected (ConvaiClient *client,
                                                  const char   *char_id,
                                                  const char   *doc_id,
                                                  gboolean      connected);

G_END_DECLS
