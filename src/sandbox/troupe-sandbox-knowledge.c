/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-knowledge.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "troupe-sandbox-characters.h"
#include "troupe-sandbox-reply.h"
#include "troupe-sandbox-text.h"

/* Indexing holds the text in memory: a sandbox need not read a library. */
#define MAX_INDEXED_BYTES (64 * 1024 * 1024)

struct _TroupeSandboxKnowledge
{
  TroupeSandboxServer *server;
  GThreadPool         *pool;     /* one worker: documents are indexed in order */
};

typedef struct
{
  char *doc_id;
  char *timestamp;               /* the version this job indexes */
} Job;

static void
job_free (Job *job)
{
  g_free (job->doc_id);
  g_free (job->timestamp);
  g_free (job);
}

/* ---- processing ---- */

static char *
doc_path (TroupeSandboxServer *server,
          const char          *doc_id)
{
  return g_build_filename (server->data_dir, "kb", doc_id, NULL);
}

/* The document's prose, or NULL and why. Only plain text formats are read:
 * the sandbox has no PDF or Word reader. */
static char *
extract_text (const char  *file_name,
              const char  *path,
              char       **error_message)
{
  g_autofree char *lower = g_ascii_strdown (file_name, -1);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;
  const char *dot = strrchr (lower, '.');
  gboolean markdown = dot && (strcmp (dot, ".md") == 0 || strcmp (dot, ".markdown") == 0);
  gboolean csv = dot && strcmp (dot, ".csv") == 0;

  if (!markdown && !csv && !(dot && strcmp (dot, ".txt") == 0))
    {
      *error_message = g_strdup_printf ("Unsupported document type \"%s\": the Troupe sandbox reads only "
                                        ".txt, .md and .csv files.", dot ? dot : file_name);
      return NULL;
    }
  if (!g_stat (path, &info) && info.st_size > MAX_INDEXED_BYTES)
    {
      *error_message = g_strdup_printf ("The document is too large for the Troupe sandbox to index "
                                        "(%d MiB at most).", MAX_INDEXED_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      *error_message = g_strdup_printf ("Could not read the stored document: %s", error->message);
      return NULL;
    }
  if (!g_utf8_validate (contents, -1, NULL))
    {
      *error_message = g_strdup ("The document is not UTF-8 text.");
      return NULL;
    }
  if (markdown)
    return troupe_sandbox_text_from_markdown (contents);
  if (csv)
    return troupe_sandbox_text_from_csv (contents);
  return g_steal_pointer (&contents);
}

static void
process_document (TroupeSandboxServer *server,
                  const char          *doc_id,
                  const char          *timestamp)
{
  g_autoptr(TroupeSandboxDoc) doc = troupe_sandbox_store_get_doc (server->store, doc_id, NULL);
  g_autofree char *path = doc_path (server, doc_id);
  g_autofree char *error_message = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) sentences = NULL;

  if (doc == NULL || g_strcmp0 (doc->timestamp, timestamp) != 0)
    return;
  text = extract_text (doc->file_name, path, &error_message);
  if (text != NULL)
    {
      sentences = troupe_sandbox_text_sentences (text);
      if (sentences->len == 0)
        error_message = g_strdup ("The document contains no text.");
    }
  troupe_sandbox_store_finish_doc (server->store, doc_id, timestamp, sentences, error_message);
}

static void
process_job_cb (gpointer data,
                gpointer user_data)
{
  Job *job = data;
  TroupeSandboxKnowledge *self = user_data;

  /* --fault-processing-ms: Convai says processing can take minutes. */
  if (self->server->faults->processing_ms > 0)
    g_usleep (self->server->faults->processing_ms * G_TIME_SPAN_MILLISECOND);
  process_document (self->server, job->doc_id, job->timestamp);
  job_free (job);
}

static void
queue_document (TroupeSandboxKnowledge *self,
                const TroupeSandboxDoc *doc)
{
  Job *job = g_new0 (Job, 1);

  job->doc_id = g_strdup (doc->id);
  job->timestamp = g_strdup (doc->timestamp);
  g_thread_pool_push (self->pool, job, NULL);
}

TroupeSandboxKnowledge *
troupe_sandbox_knowledge_new (TroupeSandboxServer *server)
{
  TroupeSandboxKnowledge *self = g_new0 (TroupeSandboxKnowledge, 1);
  g_autoptr(GPtrArray) docs = troupe_sandbox_store_list_docs (server->store, NULL);

  self->server = server;
  self->pool = g_thread_pool_new (process_job_cb, self, 1, TRUE, NULL);
  /* Documents a previous run stopped before finishing. */
  for (guint i = 0; i < docs->len; i++)
    {
      TroupeSandboxDoc *doc = g_ptr_array_index (docs, i);

      if (!doc->is_available && doc->error == NULL)
        queue_document (self, doc);
    }
  return self;
}

void
troupe_sandbox_knowledge_free (TroupeSandboxKnowledge *self)
{
  g_thread_pool_free (self->pool, TRUE, TRUE);
  g_free (self);
}

/* ---- the wire ---- */

static JsonObject *
doc_to_json (const TroupeSandboxDoc *doc)
{
  JsonObject *object = json_object_new ();
  g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, doc->file_size);

  json_object_set_string_member (object, "id", doc->id);
  json_object_set_string_member (object, "file_name", doc->file_name);
  json_object_set_boolean_member (object, "is_available", doc->is_available);
  json_object_set_string_member (object, "status", doc->connected ? "active" : "inactive");
  json_object_set_string_member (object, "timestamp", doc->timestamp);
  json_object_set_string_member (object, "file_size", size);
  if (doc->error != NULL)
    json_object_set_string_member (object, "error", doc->error);
  return object;
}

/* Writes the file under its document id, never under the client's name. */
static gboolean
store_file (const char  *path,
            GBytes      *contents,
            GError     **error)
{
  return g_file_set_contents_full (path, g_bytes_get_data (contents, NULL),
                                   (gssize) g_bytes_get_size (contents),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static TroupeSandboxDoc *
new_doc_version (const char *id,
                 const char *file_name,
                 GBytes     *contents)
{
  TroupeSandboxDoc *doc = g_new0 (TroupeSandboxDoc, 1);

  doc->id = g_strdup (id);
  doc->file_name = g_path_get_basename (file_name);
  doc->file_size = contents != NULL ? (gint64) g_bytes_get_size (contents) : 0;
  doc->timestamp = troupe_sandbox_timestamp_now ();
  return doc;
}

/* The upload is already on disk: it only moves to its id. */
static void
store_spooled (TroupeSandboxRequest *request,
               TroupeSandboxDoc     *doc)
{
  TroupeSandboxServer *server = request->server;
  g_autoptr(TroupeSandboxDoc) owned = doc;
  g_autofree char *path = doc_path (server, doc->id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  doc->file_size = request->file_size;
  if (g_rename (request->file_path, path) != 0)
    {
      g_autofree char *message = g_strdup_printf ("Could not store the document: %s", g_strerror (errno));

      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", message);
      return;
    }
  g_clear_pointer (&request->file_path, g_free);
  if (!troupe_sandbox_store_save_doc (server->store, doc, &error))
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", error->message);
      return;
    }
  queue_document (server->knowledge, doc);
  object = doc_to_json (doc);
  troupe_sandbox_reply_object (request->msg, SOUP_STATUS_OK, object);
}

/* Uploads arrive parsed, their file part already on disk (see the spool). */
static gboolean
require_file (TroupeSandboxRequest *request)
{
  if (request->file_path != NULL)
    return TRUE;
  troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                                "A multipart \"file\" part is required.");
  return FALSE;
}

static void
handle_upload (TroupeSandboxRequest *request)
{
  const char *name = troupe_sandbox_request_field (request, "file_name");
  g_autofree char *id = g_uuid_string_random ();

  if (!require_file (request))
    return;
  if (name == NULL)
    name = request->file_name;
  if (name == NULL)
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                                    "The file_name field is required.");
      return;
    }
  store_spooled (request, new_doc_version (id, name, NULL));
}

static void
reply_unknown_doc (SoupServerMessage *msg,
                   const char        *id)
{
  g_autofree char *message = g_strdup_printf ("Document %s not found.", id ? id : "(none)");

  troupe_sandbox_reply_message (msg, SOUP_STATUS_NOT_FOUND, "ERROR", message);
}

static void
handle_update (TroupeSandboxRequest *request)
{
  const char *id = troupe_sandbox_request_field (request, "document_id");
  g_autoptr(TroupeSandboxDoc) old = NULL;
  TroupeSandboxDoc *doc;

  if (!require_file (request))
    return;
  if (id == NULL || (old = troupe_sandbox_store_get_doc (request->server->store, id, NULL)) == NULL)
    {
      reply_unknown_doc (request->msg, id);
      return;
    }
  doc = new_doc_version (id, request->file_name ? request->file_name : old->file_name, NULL);
  store_spooled (request, doc);
}

/* Each document is a JSON *string* holding the object: Convai's quirk. */
static void
handle_list (TroupeSandboxRequest *request)
{
  TroupeSandboxServer *server = request->server;
  const char *character_id = troupe_sandbox_request_field (request, "character_id");
  g_autoptr(TroupeSandboxCharacter) character = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *array = json_array_new ();

  if (character_id != NULL &&
      (character = troupe_sandbox_store_get_character (server->store, character_id)) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Character %s not found.", character_id);

      json_array_unref (array);
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_NOT_FOUND, "ERROR", message);
      return;
    }
  docs = troupe_sandbox_store_list_docs (server->store, character_id);
  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(JsonObject) object = doc_to_json (g_ptr_array_index (docs, i));
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
      g_autofree char *encoded = json_to_string (node, FALSE);

      json_array_add_string_element (array, encoded);
    }
  json_object_set_array_member (reply, "docs", array);
  troupe_sandbox_reply_object (request->msg, SOUP_STATUS_OK, reply);
}

/* Answers 200 with a body that is not valid JSON, as Convai does. */
static void
handle_delete (TroupeSandboxRequest *request)
{
  const char *id = troupe_sandbox_request_field (request, "document_id");
  g_autofree char *path = NULL;

  if (id == NULL || !troupe_sandbox_store_delete_doc (request->server->store, id))
    {
      reply_unknown_doc (request->msg, id);
      return;
    }
  path = doc_path (request->server, id);
  g_unlink (path);
  troupe_sandbox_reply_text (request->msg, SOUP_STATUS_OK, "application/json",
                             "{\"Successfully deleted document\"}");
}

char *
troupe_sandbox_knowledge_add (TroupeSandboxServer  *server,
                              const char           *file_name,
                              GBytes               *contents,
                              GError              **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(TroupeSandboxDoc) doc = new_doc_version (id, file_name, contents);
  g_autofree char *path = doc_path (server, id);

  if (!store_file (path, contents, error) ||
      !troupe_sandbox_store_save_doc (server->store, doc, error))
    return NULL;
  process_document (server, id, doc->timestamp);
  return g_steal_pointer (&id);
}

void
troupe_sandbox_knowledge_register (TroupeSandboxServer *server)
{
  troupe_sandbox_server_route (server, "POST", "/character/knowledge-bank/upload", handle_upload);
  troupe_sandbox_server_route (server, "POST", "/character/knowledge-bank/update", handle_update);
  troupe_sandbox_server_route (server, "POST", "/character/knowledge-bank/list", handle_list);
  troupe_sandbox_server_route (server, "POST", "/character/knowledge-bank/delete", handle_delete);
}
