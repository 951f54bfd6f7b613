/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-character-docs"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-character-docs.h"
#include "troupe-document-store.h"

struct _TroupeCharacterDocs
{
  TroupeStore  parent_instance;

  char        *char_id;
  GListStore  *documents;
  GListStore  *connected;
  gboolean     watched;
  guint        poll_id;
  guint        poll_interval;  /* ms, of the next poll */
  TroupeDocumentStore *shared;  /* the window's, told of every list and telling back */
};

#define FIRST_POLL_MS 1000
#define LAST_POLL_MS  30000

G_DEFINE_FINAL_TYPE (TroupeCharacterDocs, troupe_character_docs, TROUPE_TYPE_STORE)

static gboolean
find (GListStore *store,
      const char *doc_id,
      guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (convai_knowledge_doc_get_id (doc), doc_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
same_copy (ConvaiKnowledgeDoc *a,
           ConvaiKnowledgeDoc *b)
{
  return convai_knowledge_doc_get_is_available (a) == convai_knowledge_doc_get_is_available (b)
         && convai_knowledge_doc_get_is_connected (a) == convai_knowledge_doc_get_is_connected (b)
         && convai_knowledge_doc_get_file_size (a) == convai_knowledge_doc_get_file_size (b)
         && g_strcmp0 (convai_knowledge_doc_get_file_name (a), convai_knowledge_doc_get_file_name (b)) == 0
         && g_strcmp0 (convai_knowledge_doc_get_timestamp (a), convai_knowledge_doc_get_timestamp (b)) == 0;
}

/* Puts @doc in @store at its place (replacing an older copy in place, so
 * only that row rebinds), or takes it out when @keep is FALSE. */
static void
place (GListStore         *store,
       ConvaiKnowledgeDoc *doc,
       gboolean            keep)
{
  guint position;

  if (find (store, convai_knowledge_doc_get_id (doc), &position))
    {
      g_autoptr(ConvaiKnowledgeDoc) old = g_list_model_get_item (G_LIST_MODEL (store), position);

      if (!keep)
        g_list_store_remove (store, position);
      else if (!same_copy (old, doc))
        g_list_store_splice (store, position, 1, (gpointer *) &doc, 1);
    }
  else if (keep)
    g_list_store_append (store, doc);
}

static void
remove_missing (GListStore *store,
                GHashTable *ids)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (store)); i > 0; i--)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (G_LIST_MODEL (store), i - 1);

      if (!g_hash_table_contains (ids, convai_knowledge_doc_get_id (doc)))
        g_list_store_remove (store, i - 1);
    }
}

static gboolean
any_processing (TroupeCharacterDocs *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (G_LIST_MODEL (self->documents), i);
      g_autofree char *error = NULL;

      if (convai_knowledge_doc_get_is_available (doc))
        continue;
      /* One that failed says why, and is not processed further. */
      if ((error = troupe_document_dup_processing_error (doc)) == NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
poll_cb (gpointer user_data)
{
  TroupeCharacterDocs *self = user_data;

  self->poll_id = 0;
  self->poll_interval = MIN (self->poll_interval * 2, LAST_POLL_MS);
  /* The reload's answer schedules the next poll if one is still needed. */
  troupe_store_reload (TROUPE_STORE (self));
  return G_SOURCE_REMOVE;
}

/* Polls only while someone looks and something is on its way. */
static void
schedule_poll (TroupeCharacterDocs *self)
{
  gboolean wanted = self->watched && self->char_id != NULL
                    && troupe_store_get_client (TROUPE_STORE (self)) != NULL
                    && !troupe_store_get_loading (TROUPE_STORE (self)) && any_processing (self);

  if (!wanted)
    {
      g_clear_handle_id (&self->poll_id, g_source_remove);
      if (!any_processing (self))
        self->poll_interval = FIRST_POLL_MS;
      return;
    }
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add (self->poll_interval, poll_cb, self);
}

void
troupe_character_docs_set_watched (TroupeCharacterDocs *self,
                                   gboolean             watched)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_DOCS (self));

  self->watched = watched;
  schedule_poll (self);
}

gboolean
troupe_character_docs_get_polling (TroupeCharacterDocs *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_DOCS (self), FALSE);
  return self->poll_id != 0;
}

void
troupe_character_docs_update (TroupeCharacterDocs *self,
                              GListModel          *docs,
                              gboolean             complete)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  g_return_if_fail (TROUPE_IS_CHARACTER_DOCS (self));
  g_return_if_fail (G_IS_LIST_MODEL (docs));

  n = g_list_model_get_n_items (docs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      g_hash_table_add (ids, (gpointer) convai_knowledge_doc_get_id (doc));
      place (self->documents, doc, TRUE);
      place (self->connected, doc, convai_knowledge_doc_get_is_connected (doc));
    }
  if (complete)
    {
      remove_missing (self->documents, ids);
      remove_missing (self->connected, ids);
    }
  /* What this character's list said is news for the manager too. */
  if (self->shared != NULL && self->char_id != NULL)
    troupe_document_store_take_list (self->shared, self->char_id, docs, complete);
  schedule_poll (self);
}

/* The manager's poll saw a document change (processed, failed, a new
 * version): this list shows the same, keeping its own connection. */
static void
shared_updated_cb (TroupeCharacterDocs *self,
                   TroupeDocument      *document)
{
  ConvaiKnowledgeDoc *mine = troupe_character_docs_lookup (self, troupe_document_get_id (document));
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(ConvaiKnowledgeDoc) copy = NULL;
  gboolean connected;

  if (mine == NULL)
    return;
  connected = convai_knowledge_doc_get_is_connected (mine);
  node = convai_knowledge_doc_to_json (troupe_document_get_doc (document));
  json_object_set_string_member (json_node_get_object (node), "status", connected ? "active" : "inactive");
  if ((copy = convai_knowledge_doc_new_from_json (node, NULL)) == NULL || same_copy (mine, copy))
    return;
  place (self->documents, copy, TRUE);
  place (self->connected, copy, connected);
  schedule_poll (self);
}

/* Deleted in the manager: gone from every character. */
static void
shared_removed_cb (TroupeCharacterDocs *self,
                   const char          *doc_id)
{
  guint position;

  if (find (self->documents, doc_id, &position))
    g_list_store_remove (self->documents, position);
  if (find (self->connected, doc_id, &position))
    g_list_store_remove (self->connected, position);
}

void
troupe_character_docs_set_shared (TroupeCharacterDocs *self,
                                  TroupeDocumentStore *shared)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_DOCS (self));

  if (self->shared != NULL)
    g_signal_handlers_disconnect_by_data (self->shared, self);
  g_set_object (&self->shared, shared);
  if (shared != NULL)
    {
      g_signal_connect_object (shared, "document-updated", G_CALLBACK (shared_updated_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (shared, "document-removed", G_CALLBACK (shared_removed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
clear_documents (TroupeCharacterDocs *self)
{
  g_list_store_remove_all (self->connected);
  g_list_store_remove_all (self->documents);
}

static void
list_finished_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GListModel *docs = convai_client_list_documents_finish (CONVAI_CLIENT (source), result, &error);

  if (docs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, docs, g_object_unref);
}

static void
troupe_character_docs_load (TroupeStore         *store,
                            ConvaiClient        *client,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  TroupeCharacterDocs *self = TROUPE_CHARACTER_DOCS (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, troupe_character_docs_load);
  g_task_set_task_data (task, g_strdup (self->char_id), g_free);
  /* No character open: nothing to ask. */
  if (self->char_id == NULL)
    {
      g_task_return_pointer (task, g_list_store_new (CONVAI_TYPE_KNOWLEDGE_DOC), g_object_unref);
      return;
    }
  convai_client_list_documents_async (client, self->char_id, cancellable, list_finished_cb,
                                      g_steal_pointer (&task));
}

static gboolean
troupe_character_docs_load_finish (TroupeStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  TroupeCharacterDocs *self = TROUPE_CHARACTER_DOCS (store);
  g_autoptr(GListModel) docs = g_task_propagate_pointer (G_TASK (result), error);

  if (docs == NULL)
    return FALSE;
  /* A list asked for another character is no answer for this one. */
  if (g_strcmp0 (g_task_get_task_data (G_TASK (result)), self->char_id) == 0)
    troupe_character_docs_update (self, docs, TRUE);
  return TRUE;
}

static void
troupe_character_docs_clear (TroupeStore *store)
{
  clear_documents (TROUPE_CHARACTER_DOCS (store));
}

static void
loading_changed_cb (TroupeCharacterDocs *self)
{
  schedule_poll (self);
}

static void
troupe_character_docs_finalize (GObject *object)
{
  TroupeCharacterDocs *self = TROUPE_CHARACTER_DOCS (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  troupe_character_docs_set_shared (self, NULL);
  g_clear_object (&self->connected);
  g_clear_object (&self->documents);
  g_free (self->char_id);
  G_OBJECT_CLASS (troupe_character_docs_parent_class)->finalize (object);
}

static void
troupe_character_docs_class_init (TroupeCharacterDocsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TroupeStoreClass *store_class = TROUPE_STORE_CLASS (klass);

  object_class->finalize = troupe_character_docs_finalize;
  store_class->load = troupe_character_docs_load;
  store_class->load_finish = troupe_character_docs_load_finish;
  store_class->clear = troupe_character_docs_clear;
  store_class->load_failed_text = N_("Could not load the character’s documents");
  store_class->load_stopped_text = N_("Loading the character’s documents was stopped.");
}

static void
troupe_character_docs_init (TroupeCharacterDocs *self)
{
  self->documents = g_list_store_new (CONVAI_TYPE_KNOWLEDGE_DOC);
  self->connected = g_list_store_new (CONVAI_TYPE_KNOWLEDGE_DOC);
  self->poll_interval = FIRST_POLL_MS;
  /* A failed load, or one for a new client, also decides the next poll. */
  g_signal_connect (self, "notify::loading", G_CALLBACK (loading_changed_cb), NULL);
}

TroupeCharacterDocs *
troupe_character_docs_new (void)
{
  return g_object_new (TROUPE_TYPE_CHARACTER_DOCS, NULL);
}

void
troupe_character_docs_set_char_id (TroupeCharacterDocs *self,
                                   const char          *char_id)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_DOCS (self));

  if (g_strcmp0 (self->char_id, char_id) == 0)
    return;
  g_free (self->char_id);
  self->char_id = g_strdup (char_id);
  clear_documents (self);
  self->poll_interval = FIRST_POLL_MS;
  troupe_store_reload (TROUPE_STORE (self));
  schedule_poll (self);
}

const char *
troupe_character_docs_get_char_id (TroupeCharacterDocs *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_DOCS (self), NULL);
  return self->char_id;
}

GListModel *
troupe_character_docs_get_documents (TroupeCharacterDocs *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_DOCS (self), NULL);
  return G_LIST_MODEL (self->documents);
}

GListModel *
troupe_character_docs_get_connected (TroupeCharacterDocs *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_DOCS (self), NULL);
  return G_LIST_MODEL (self->connected);
}

ConvaiKnowledgeDoc *
troupe_character_docs_lookup (TroupeCharacterDocs *self,
                              const char          *doc_id)
{
  guint position;
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;

  g_return_val_if_fail (TROUPE_IS_CHARACTER_DOCS (self), NULL);

  if (doc_id == NULL || !find (self->documents, doc_id, &position))
    return NULL;
  doc = g_list_model_get_item (G_LIST_MODEL (self->documents), position);
  return doc;  /* the list keeps its own reference */
}
