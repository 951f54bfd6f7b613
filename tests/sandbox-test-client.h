/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "troupe-test-sandbox.h"

G_BEGIN_DECLS

/* Raw HTTP against a real troupe-sandbox, for the sandbox's own tests:
 * they speak the wire directly and do not depend on libconvai. */
typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
} SandboxReply;

void          sandbox_reply_free      (SandboxReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SandboxReply, sandbox_reply_free)

/* `key` NULL sends no CONVAI-API-KEY header. */
SandboxReply *sandbox_request         (TroupeTestSandbox *sandbox,
                                       const char        *method,
                                       const char        *path,
                                       const char        *key,
                                       const char        *content_type,
                                       GBytes            *body);
SandboxReply *sandbox_post_json       (TroupeTestSandbox *sandbox,
                                       const char        *path,
                                       const char        *json);
/* Name/value pairs, NULL-terminated, urlencoded. */
SandboxReply *sandbox_post_form       (TroupeTestSandbox *sandbox,
                                       const char        *path,
                                       ...) G_GNUC_NULL_TERMINATED;
SandboxReply *sandbox_post_multipart  (TroupeTestSandbox *sandbox,
                                       const char        *path,
                                       SoupMultipart     *multipart);
SandboxReply *sandbox_get             (TroupeTestSandbox *sandbox,
                                       const char        *path);

/* The body as text (NUL-terminated copy) and parsed JSON (asserted). */
char         *sandbox_reply_text      (SandboxReply      *reply);
JsonNode     *sandbox_reply_json      (SandboxReply      *reply);
const char   *sandbox_json_string     (JsonNode          *node,
                                       const char        *member);

/* Creates a character, returns its id (asserted). */
char         *sandbox_create_character (TroupeTestSandbox *sandbox,
                                        const char        *name,
                                        const char        *backstory);
/* Uploads a document from memory, returns its id. */
char         *sandbox_upload_document (TroupeTestSandbox *sandbox,
                                       const char        *file_name,
                                       const char        *contents);
/* Connects (or disconnects) a document through character/update docs. */
void          sandbox_connect_document (TroupeTestSandbox *sandbox,
                                        const char        *character_id,
                                        const char        *doc_id,
                                        gboolean           connected);
/* The document object from knowledge-bank/list (decoded), or NULL. */
JsonObject   *sandbox_find_document   (TroupeTestSandbox *sandbox,
                                       const char        *character_id,
                                       const char        *doc_id);
/* Polls the list until the document is available or has an error. */
JsonObject   *sandbox_wait_document   (TroupeTestSandbox *sandbox,
                                       const char        *character_id,
                                       const char        *doc_id);
/* Asks a question (not streamed), returns the reply text. */
char         *sandbox_ask             (TroupeTestSandbox *sandbox,
                                       const char        *character_id,
                                       const char        *question);

G_END_DECLS
