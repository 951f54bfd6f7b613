/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-document-connect"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-document-connect.h"

typedef struct
{
  ConvaiClient *client;
  char         *char_id;
  GHashTable   *connect;     /* doc ids */
  GHashTable   *disconnect;  /* doc ids */
  GListModel   *shown;       /* nullable */
  GListModel   *read;        /* the account's documents, as read */
  GHashTable   *written;     /* doc id -> GINT_TO_POINTER (connected + 1) */
  char         *meanwhile;
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->client);
  g_free (change->char_id);
  g_hash_table_unref (change->connect);
  g_hash_table_unref (change->disconnect);
  g_clear_object (&change->shown);
  g_clear_object (&change->read);
  g_clear_pointer (&change->written, g_hash_table_unref);
  g_free (change->meanwhile);
  g_free (change);
}

static GHashTable *
id_set (const char * const *ids)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (ids[i]));
  return set;
}

static ConvaiKnowledgeDoc *
find_doc (GListModel *docs,
          const char *id)
{
  guint n = g_list_model_get_n_items (docs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      if (g_strcmp0 (convai_knowledge_doc_get_id (doc), id) == 0)
        return doc;  /* the model keeps its own reference */
    }
  return NULL;
}

static void
append_name (GString            *names,
             ConvaiKnowledgeDoc *doc)
{
  const char *name = convai_knowledge_doc_get_file_name (doc);

  if (names->len > 0)
    g_string_append (names, ", ");
  g_string_append_printf (names, "“%s”", name != NULL ? name : convai_knowledge_doc_get_id (doc));
}

static void
append_sentence (GString *text,
                 char    *sentence)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, sentence);
  g_free (sentence);
}

static guint
count_missing (GHashTable *ids,
               GListModel *docs)
{
  GHashTableIter iter;
  gpointer id;
  guint n = 0;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    n += find_doc (docs, id) == NULL;
  return n;
}

/* What the server says now against what the caller last showed. */
static char *
describe_meanwhile (Change *change)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) connected = g_string_new (NULL);
  g_autoptr(GString) disconnected = g_string_new (NULL);
  g_autoptr(GString) deleted = g_string_new (NULL);
  guint n_read = g_list_model_get_n_items (change->read);
  guint n_shown = change->shown != NULL ? g_list_model_get_n_items (change->shown) : 0;
  guint n_gone;

  for (guint i = 0; change->shown != NULL && i < n_read; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (change->read, i);

      if (convai_knowledge_doc_get_is_connected (doc)
          && find_doc (change->shown, convai_knowledge_doc_get_id (doc)) == NULL)
        append_name (connected, doc);
    }
  for (guint i = 0; i < n_shown; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (change->shown, i);
      ConvaiKnowledgeDoc *now = find_doc (change->read, convai_knowledge_doc_get_id (doc));

      if (now == NULL)
        append_name (deleted, doc);
      else if (!convai_knowledge_doc_get_is_connected (now))
        append_name (disconnected, doc);
    }
  if (connected->len > 0)
    append_sentence (text, g_strdup_printf (_("Connected elsewhere meanwhile: %s."), connected->str));
  if (disconnected->len > 0)
    append_sentence (text, g_strdup_printf (_("Disconnected elsewhere meanwhile: %s."), disconnected->str));
  if (deleted->len > 0)
    append_sentence (text, g_strdup_printf (_("Deleted meanwhile: %s."), deleted->str));
  n_gone = count_missing (change->connect, change->read);
  if (n_gone > 0)
    append_sentence (text, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u document to add was deleted meanwhile.",
                                                         "%u documents to add were deleted meanwhile.",
                                                         n_gone), n_gone));
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

static gboolean
is_processing (ConvaiKnowledgeDoc *doc)
{
  g_autoptr(JsonNode) node = NULL;

  if (convai_knowledge_doc_get_is_available (doc))
    return FALSE;
  /* One that failed has an "error" and is no longer processed. */
  node = convai_knowledge_doc_to_json (doc);
  return !json_object_has_member (json_node_get_object (node), "error");
}

/* The whole list as it should be: every connected document stays, the
 * changes applied; documents gone from the server are left out (the update
 * refuses a list naming an unknown document). */
static ConvaiCharacterPatch *
make_patch (Change *change)
{
  g_autoptr(ConvaiCharacterPatch) patch = convai_character_patch_new ();
  guint n = g_list_model_get_n_items (change->read);

  change->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (change->read, i);
      const char *id = convai_knowledge_doc_get_id (doc);
      gboolean connected = convai_knowledge_doc_get_is_connected (doc);

      if (g_hash_table_contains (change->disconnect, id))
        connected = FALSE;
      else if (g_hash_table_contains (change->connect, id))
        connected = TRUE;
      else if (!connected || is_processing (doc))
        /* A connected document being processed again (a new version) is
         * left as it is: a strict server refuses the whole list when it
         * names one as active before it is available. */
        continue;
      convai_character_patch_set_document_connected (patch, id, connected);
      g_hash_table_insert (change->written, g_strdup (id), GINT_TO_POINTER (connected + 1));
    }
  return g_steal_pointer (&patch);
}

/* A copy of @doc with "status" as written for this character. */
static ConvaiKnowledgeDoc *
doc_as_written (ConvaiKnowledgeDoc *doc,
                gboolean            connected)
{
  g_autoptr(JsonNode) node = convai_knowledge_doc_to_json (doc);

  json_object_set_string_member (json_node_get_object (node), "status", connected ? "active" : "inactive");
  return convai_knowledge_doc_new_from_json (node, NULL);
}

static GListModel *
make_result (Change *change)
{
  GListStore *store = g_list_store_new (CONVAI_TYPE_KNOWLEDGE_DOC);
  guint n = g_list_model_get_n_items (change->read);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (change->read, i);
      gpointer written = g_hash_table_lookup (change->written, convai_knowledge_doc_get_id (doc));

      if (written != NULL && GPOINTER_TO_INT (written) - 1 != convai_knowledge_doc_get_is_connected (doc))
        {
          g_autoptr(ConvaiKnowledgeDoc) copy = doc_as_written (doc, GPOINTER_TO_INT (written) - 1);

          g_list_store_append (store, copy != NULL ? copy : doc);
        }
      else
        g_list_store_append (store, doc);
    }
  return G_LIST_MODEL (store);
}

static void
updated_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  if (!convai_client_update_character_finish (CONVAI_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, make_result (change), g_object_unref);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  g_autoptr(ConvaiCharacterPatch) patch = NULL;
  GError *error = NULL;

  change->read = convai_client_list_documents_finish (CONVAI_CLIENT (source), result, &error);
  if (change->read == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  change->meanwhile = describe_meanwhile (change);
  patch = make_patch (change);
  /* Nothing connected and nothing to disconnect: there is no list to write. */
  if (convai_character_patch_is_empty (patch))
    {
      g_task_return_pointer (task, make_result (change), g_object_unref);
      return;
    }
  convai_client_update_character_async (change->client, change->char_id, patch,
                                        g_task_get_cancellable (task), updated_cb,
                                        g_object_ref (task));
}

void
troupe_document_connect_async (ConvaiClient        *client,
                               const char          *char_id,
                               const char * const  *connect_ids,
                               const char * const  *disconnect_ids,
                               GListModel          *shown,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Change *change;

  g_return_if_fail (CONVAI_IS_CLIENT (client));
  g_return_if_fail (char_id != NULL);
  g_return_if_fail (shown == NULL || G_IS_LIST_MODEL (shown));

  change = g_new0 (Change, 1);
  change->client = g_object_ref (client);
  change->char_id = g_strdup (char_id);
  change->connect = id_set (connect_ids);
  change->disconnect = id_set (disconnect_ids);
  change->shown = shown != NULL ? g_object_ref (shown) : NULL;
  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_document_connect_async);
  g_task_set_task_data (task, change, (GDestroyNotify) change_free);
  convai_client_list_documents_async (client, char_id, cancellable, listed_cb, g_steal_pointer (&task));
}

GListModel *
troupe_document_connect_finish (GAsyncResult  *result,
                                char         **meanwhile,
                                GError       **error)
{
  GListModel *docs;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == troupe_document_connect_async, NULL);

  docs = g_task_propagate_pointer (G_TASK (result), error);
  if (meanwhile != NULL)
    {
      Change *change = g_task_get_task_data (G_TASK (result));

      *meanwhile = docs != NULL ? g_strdup (change->meanwhile) : NULL;
    }
  return docs;
}

GListModel *
troupe_document_connect_filter_connected (GListModel *docs)
{
  GListStore *store = g_list_store_new (CONVAI_TYPE_KNOWLEDGE_DOC);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (docs), NULL);
  n = g_list_model_get_n_items (docs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      if (convai_knowledge_doc_get_is_connected (doc))
        g_list_store_append (store, doc);
    }
  return G_LIST_MODEL (store);
}
