/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* knowledge-bank/upload, update, list and delete, and the worker that
 * turns an uploaded file into indexed sentences. */
TroupeSandboxKnowledge *troupe_sandbox_knowledge_new      (TroupeSandboxServer    *server);
/* Waits for the document being processed, drops the queue. */
void                    troupe_sandbox_knowledge_free     (TroupeSandboxKnowledge *self);
void                    troupe_sandbox_knowledge_register (TroupeSandboxServer    *server);

/* Stores `contents` as a new document and indexes it at once, in the
 * calling thread (the --demo seed). Returns the document id. */
char                   *troupe_sandbox_knowledge_add      (TroupeSandboxServer    *server,
                                                           const char             *file_name,
                                                           GBytes                 *contents,
                                                           GError                **error);

G_END_DECLS
