/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_KNOWLEDGE_DOC (convai_knowledge_doc_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiKnowledgeDoc, convai_knowledge_doc, CONVAI, KNOWLEDGE_DOC, GObject)

/* A knowledge-bank document. Properties: "id", "file-name", "is-available"
 * (processing finished), "status" ("active"/"inactive"), "is-connected"
 * (status is active for the character the list was asked for), "timestamp",
 * "file-size" (guint64; the wire sends a string). */
ConvaiKnowledgeDoc *convai_knowledge_doc_new_from_json  (JsonNode            *node,
                                                          GError             **error);
JsonNode           *convai_knowledge_doc_to_json        (ConvaiKnowledgeDoc  *self);

const char         *convai_knowledge_doc_get_id         (ConvaiKnowledgeDoc  *self);
const char         *convai_knowledge_doc_get_file_name  (ConvaiKnowledgeDoc  *self);
gboolean            convai_knowledge_doc_get_is_available (ConvaiKnowledgeDoc *self);
const char         *convai_knowledge_doc_get_status     (ConvaiKnowledgeDoc  *self);
gboolean            convai_knowledge_doc_get_is_connected (ConvaiKnowledgeDoc *self);
const char         *convai_knowledge_doc_get_timestamp  (ConvaiKnowledgeDoc  *self);
guint64             convai_knowledge_doc_get_file_size  (ConvaiKnowledgeDoc  *self);

/* knowledge-bank/list: {"docs": [...]} where each element is a document
 * object or a JSON string holding one (the documented double encoding). */
GListModel         *convai_knowledge_doc_list_from_json (JsonNode            *node,
                                                          GError             **error);

G_END_DECLS
