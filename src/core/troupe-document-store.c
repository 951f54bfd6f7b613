/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-document-store"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-document-store.h"

#define FIRST_POLL_MS      1000
#define LAST_POLL_MS       30000
#define STALL_SECONDS      600
#define SWEEPS_AT_ONCE     3

struct _TroupeDocumentStore
{
  TroupeStore             parent_instance;

  TroupeCharacterStore   *characters;
  TroupeDocumentVersions *versions;
  GListStore             *documents;    /* TroupeDocument */
  GHashTable             *by_id;        /* id → TroupeDocument (the list's) */
  GHashTable             *waited_since; /* id → gint64 real time of Keep Waiting */
  /* A list asked before a change answers as if it had not happened: an
   * upload it does not hold yet must not leave, a delete not come back. */
  GHashTable             *uploaded_at;  /* id → gint64 monotonic time, uploaded here */
  GHashTable             *deleted;      /* ids deleted here */
  gint64                  poll_sent_at;
  gint64                  load_sent_at;
  gboolean                has_lister;

  guint                   watchers;
  guint                   poll_id;
  guint                   poll_interval;  /* ms, of the next poll */
  gboolean                poll_running;
  char                   *poll_char_id;   /* whose list the running poll reads */
  guint                   stall_seconds;

  GQueue                  sweep;          /* character ids still to read */
  guint                   sweeps_running;
  gboolean                sweep_failed;
};

G_DEFINE_FINAL_TYPE (TroupeDocumentStore, troupe_document_store, TROUPE_TYPE_STORE)

enum {
  PROP_0,
  PROP_HAS_LISTER,
  PROP_CONNECTIONS_LOADING,
  PROP_POLLING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DOCUMENT_UPDATED,
  SIGNAL_DOCUMENT_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_poll (TroupeDocumentStore *self);

/* ---- stalls ---- */

static gint64
processing_since (TroupeDocumentStore *self,
                  TroupeDocument      *document)
{
  gpointer waited = g_hash_table_lookup (self->waited_since, troupe_document_get_id (document));
  GDateTime *uploaded = troupe_document_get_uploaded (document);
  gint64 since = uploaded != NULL ? g_date_time_to_unix (uploaded) * G_USEC_PER_SEC : g_get_real_time ();

  if (waited != NULL)
    since = MAX (since, *(gint64 *) waited);
  return since;
}

/* TRUE when the document's stall changed. */
static gboolean
check_stall (TroupeDocumentStore *self,
             TroupeDocument      *document)
{
  gboolean was = troupe_document_get_stalled (document);
  gboolean stalled = troupe_document_get_state (document) == TROUPE_DOCUMENT_PROCESSING
                     && g_get_real_time () - processing_since (self, document)
                        > (gint64) self->stall_seconds * G_USEC_PER_SEC;

  troupe_document_set_stalled (document, stalled);
  return was != troupe_document_get_stalled (document);
}

static gboolean
any_waited_for (TroupeDocumentStore *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (troupe_document_get_state (value) == TROUPE_DOCUMENT_PROCESSING && !troupe_document_get_stalled (value))
      return TRUE;
  return FALSE;
}

/* ---- taking what the server said ---- */

static void
announce (TroupeDocumentStore *self,
          TroupeDocument      *document)
{
  troupe_document_changed (document);
  g_signal_emit (self, signals[SIGNAL_DOCUMENT_UPDATED], 0, document);
}

static TroupeDocument *
new_document (TroupeDocumentStore *self,
              ConvaiKnowledgeDoc  *doc)
{
  TroupeDocument *document = troupe_document_new (doc);
  guint version = troupe_document_versions_get (self->versions, convai_knowledge_doc_get_id (doc));

  if (version > 0)
    troupe_document_set_version (document, version);
  /* Without an upload time, it has been processing since it was first seen. */
  if (troupe_document_get_uploaded (document) == NULL && !g_hash_table_contains (self->waited_since, convai_knowledge_doc_get_id (doc)))
    {
      gint64 *now = g_new (gint64, 1);

      *now = g_get_real_time ();
      g_hash_table_insert (self->waited_since, g_strdup (convai_knowledge_doc_get_id (doc)), now);
    }
  check_stall (self, document);
  return document;
}

static void
remove_missing (TroupeDocumentStore *self,
                GHashTable          *seen,
                gint64               sent_at)
{
  GListModel *model = G_LIST_MODEL (self->documents);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      TroupeDocument *document = g_list_model_get_item (model, i);

      gint64 *uploaded = g_hash_table_lookup (self->uploaded_at, troupe_document_get_id (document));

      if (g_hash_table_contains (seen, troupe_document_get_id (document))
          || (uploaded != NULL && *uploaded > sent_at))
        g_ptr_array_add (kept, document);
      else
        {
          g_hash_table_remove (self->by_id, troupe_document_get_id (document));
          g_object_unref (document);
        }
    }
  /* One change for the list, however many left. */
  if (kept->len != n)
    g_list_store_splice (self->documents, 0, n, kept->pdata, kept->len);
}

/* What a list asked at @sent_at (monotonic) answered. */
static void
take_list_sent_at (TroupeDocumentStore *self,
                   const char          *char_id,
                   GListModel          *docs,
                   gboolean             complete,
                   gint64               sent_at)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (docs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);
      const char *id = convai_knowledge_doc_get_id (doc);
      TroupeDocument *document = g_hash_table_lookup (self->by_id, id);
      gboolean changed = FALSE;

      if (g_hash_table_contains (self->deleted, id))
        continue;

      g_hash_table_add (seen, (gpointer) id);
      if (document == NULL)
        {
          document = new_document (self, doc);
          g_hash_table_insert (self->by_id, (gpointer) troupe_document_get_id (document), document);
          g_ptr_array_add (added, document);
        }
      else
        {
          guint version = troupe_document_get_version (document);

          /* The table's key is the old copy's id, freed by the update. */
          g_hash_table_steal (self->by_id, id);
          changed = troupe_document_update (document, doc);
          g_hash_table_insert (self->by_id, (gpointer) troupe_document_get_id (document), document);
          if (troupe_document_get_version (document) != version)
            troupe_document_versions_set (self->versions, id, troupe_document_get_version (document));
          changed |= check_stall (self, document);
        }
      if (char_id != NULL)
        changed |= troupe_document_set_connected (document, char_id, convai_knowledge_doc_get_is_connected (doc));
      if (changed)
        announce (self, document);
    }
  if (added->len > 0)
    g_list_store_splice (self->documents, g_list_model_get_n_items (G_LIST_MODEL (self->documents)), 0,
                         added->pdata, added->len);
  if (complete)
    remove_missing (self, seen, sent_at);
  schedule_poll (self);
}

void
troupe_document_store_take_list (TroupeDocumentStore *self,
                                 const char          *char_id,
                                 GListModel          *docs,
                                 gboolean             complete)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT_STORE (self));
  g_return_if_fail (G_IS_LIST_MODEL (docs));

  /* When another view asked is not known: it counts as asked now. */
  take_list_sent_at (self, char_id, docs, complete, g_get_monotonic_time ());
}

void
troupe_document_store_take_uploaded (TroupeDocumentStore *self,
                                     ConvaiKnowledgeDoc  *doc,
                                     const char          *char_id_or_null)
{
  g_autoptr(GListStore) one = g_list_store_new (CONVAI_TYPE_KNOWLEDGE_DOC);
  TroupeDocument *document;
  gboolean is_new;

  g_return_if_fail (TROUPE_IS_DOCUMENT_STORE (self));
  g_return_if_fail (CONVAI_IS_KNOWLEDGE_DOC (doc));

  /* A store no view has used yet keeps nothing: its first load reads all. */
  if (troupe_store_get_client (TROUPE_STORE (self)) == NULL)
    return;
  is_new = troupe_document_store_lookup (self, convai_knowledge_doc_get_id (doc)) == NULL;
  {
    gint64 *now = g_new (gint64, 1);

    *now = g_get_monotonic_time ();
    g_hash_table_insert (self->uploaded_at, g_strdup (convai_knowledge_doc_get_id (doc)), now);
  }
  g_list_store_append (one, doc);
  troupe_document_store_take_list (self, NULL, G_LIST_MODEL (one), FALSE);
  document = troupe_document_store_lookup (self, convai_knowledge_doc_get_id (doc));
  /* Just uploaded: connected to nobody yet. */
  if (is_new && document != NULL)
    {
      troupe_document_set_connections_known (document);
      announce (self, document);
    }
}

/* ---- polling: one list call per tick ---- */

static const char *
lister_id (TroupeDocumentStore *self)
{
  GListModel *characters = troupe_character_store_get_characters (self->characters);
  g_autoptr(ConvaiCharacter) first = g_list_model_get_n_items (characters) > 0
                                     ? g_list_model_get_item (characters, 0) : NULL;

  /* The model keeps its own reference. */
  return first != NULL ? convai_character_get_id (first) : NULL;
}

static void
set_has_lister (TroupeDocumentStore *self,
                gboolean             has_lister)
{
  if (self->has_lister == has_lister)
    return;
  self->has_lister = has_lister;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_LISTER]);
}

static void
poll_listed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TroupeDocumentStore) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) docs = convai_client_list_documents_finish (CONVAI_CLIENT (source), result, &error);

  self->poll_running = FALSE;
  if (docs != NULL)
    take_list_sent_at (self, self->poll_char_id, docs, TRUE, self->poll_sent_at);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* A failed tick is tried again at the next, longer interval. */
    g_debug ("Polling the knowledge bank failed: %s", error->message);
  schedule_poll (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  TroupeDocumentStore *self = user_data;
  ConvaiClient *client = troupe_store_get_client (TROUPE_STORE (self));
  const char *lister = lister_id (self);

  self->poll_id = 0;
  self->poll_interval = MIN (self->poll_interval * 2, LAST_POLL_MS);
  if (client == NULL || lister == NULL)
    return G_SOURCE_REMOVE;
  self->poll_running = TRUE;
  self->poll_sent_at = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLLING]);
  /* The reply names no character: remember whose list it is. */
  g_free (self->poll_char_id);
  self->poll_char_id = g_strdup (lister);
  convai_client_list_documents_async (client, lister, troupe_store_get_cancellable (TROUPE_STORE (self)),
                                      poll_listed_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (TroupeDocumentStore *self)
{
  gboolean was = troupe_document_store_get_polling (self);
  gboolean wanted = self->watchers > 0
                    && troupe_store_get_client (TROUPE_STORE (self)) != NULL
                    && !troupe_store_get_loading (TROUPE_STORE (self))
                    && any_waited_for (self);

  if (!wanted)
    {
      g_clear_handle_id (&self->poll_id, g_source_remove);
      if (!any_waited_for (self))
        self->poll_interval = FIRST_POLL_MS;
    }
  else if (self->poll_id == 0 && !self->poll_running)
    self->poll_id = g_timeout_add (self->poll_interval, poll_cb, self);
  if (was != troupe_document_store_get_polling (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLLING]);
}

void
troupe_document_store_watch (TroupeDocumentStore *self)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT_STORE (self));
  self->watchers++;
  schedule_poll (self);
}

void
troupe_document_store_unwatch (TroupeDocumentStore *self)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT_STORE (self));
  g_return_if_fail (self->watchers > 0);
  self->watchers--;
  schedule_poll (self);
}

gboolean
troupe_document_store_get_polling (TroupeDocumentStore *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_STORE (self), FALSE);
  return self->poll_id != 0 || self->poll_running;
}

guint
troupe_document_store_get_poll_interval (TroupeDocumentStore *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_STORE (self), 0);
  return self->poll_id != 0 ? self->poll_interval : 0;
}

void
troupe_document_store_set_stall_seconds (TroupeDocumentStore *self,
                                         guint                seconds)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT_STORE (self));
  self->stall_seconds = seconds;
}

void
troupe_document_store_keep_waiting (TroupeDocumentStore *self,
                                    const char          *doc_id)
{
  TroupeDocument *document;
  gint64 *now;

  g_return_if_fail (TROUPE_IS_DOCUMENT_STORE (self));

  if ((document = troupe_document_store_lookup (self, doc_id)) == NULL)
    return;
  now = g_new (gint64, 1);
  *now = g_get_real_time ();
  g_hash_table_insert (self->waited_since, g_strdup (doc_id), now);
  if (check_stall (self, document))
    announce (self, document);
  /* Start again from a short interval: the person is waiting now. */
  self->poll_interval = FIRST_POLL_MS;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  schedule_poll (self);
}

/* ---- connections: every other character's list, a few at a time ---- */

static void sweep_next (TroupeDocumentStore *self);

static void
set_all_known (TroupeDocumentStore *self)
{
  GListModel *model = G_LIST_MODEL (self->documents);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TroupeDocument) document = g_list_model_get_item (model, i);

      /* Only its rows change: the state did not, so the views' sorting
       * and counting need not hear of each. */
      if (troupe_document_get_connected_ids (document) == NULL)
        {
          troupe_document_set_connections_known (document);
          troupe_document_changed (document);
        }
    }
}

typedef struct
{
  TroupeDocumentStore *self;
  char                *char_id;
} SweepData;

static void
sweep_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SweepData *data = user_data;
  g_autoptr(TroupeDocumentStore) self = data->self;
  g_autofree char *char_id = data->char_id;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) docs = convai_client_list_documents_finish (CONVAI_CLIENT (source), result, &error);

  g_free (data);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->sweeps_running--;
  if (docs != NULL)
    troupe_document_store_take_list (self, char_id, docs, FALSE);
  /* A character deleted meanwhile has no list and no connections. */
  else if (!g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND))
    {
      /* Connections stay unknown rather than be undercounted. */
      g_debug ("Could not read %s's documents: %s", char_id, error->message);
      self->sweep_failed = TRUE;
    }
  sweep_next (self);
}

static void
sweep_next (TroupeDocumentStore *self)
{
  ConvaiClient *client = troupe_store_get_client (TROUPE_STORE (self));

  while (client != NULL && !self->sweep_failed && self->sweeps_running < SWEEPS_AT_ONCE
         && !g_queue_is_empty (&self->sweep))
    {
      SweepData *data = g_new0 (SweepData, 1);

      data->self = g_object_ref (self);
      data->char_id = g_queue_pop_head (&self->sweep);
      self->sweeps_running++;
      convai_client_list_documents_async (client, data->char_id, troupe_store_get_cancellable (TROUPE_STORE (self)),
                                          sweep_listed_cb, data);
    }
  if (self->sweeps_running > 0)
    return;
  if (self->sweep_failed)
    g_queue_clear_full (&self->sweep, g_free);
  else
    set_all_known (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTIONS_LOADING]);
}

static void
start_sweep (TroupeDocumentStore *self,
             const char          *lister)
{
  GListModel *characters = troupe_character_store_get_characters (self->characters);
  guint n = g_list_model_get_n_items (characters);

  g_queue_clear_full (&self->sweep, g_free);
  self->sweep_failed = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (characters, i);
      const char *id = convai_character_get_id (character);

      /* The lister's list already said which are its own. */
      if (id != NULL && g_strcmp0 (id, lister) != 0)
        g_queue_push_tail (&self->sweep, g_strdup (id));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTIONS_LOADING]);
  sweep_next (self);
}

gboolean
troupe_document_store_get_connections_loading (TroupeDocumentStore *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_STORE (self), FALSE);
  return self->sweeps_running > 0;
}

/* ---- loading ---- */

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
troupe_document_store_load (TroupeStore         *store,
                            ConvaiClient        *client,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  TroupeDocumentStore *self = TROUPE_DOCUMENT_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  const char *lister = lister_id (self);

  g_task_set_source_tag (task, troupe_document_store_load);
  g_task_set_task_data (task, g_strdup (lister), g_free);
  set_has_lister (self, lister != NULL);
  /* No character to list through: nothing can be listed, nor uploaded to
   * a character; the view says so. */
  if (lister == NULL)
    {
      g_task_return_pointer (task, g_list_store_new (CONVAI_TYPE_KNOWLEDGE_DOC), g_object_unref);
      return;
    }
  self->load_sent_at = g_get_monotonic_time ();
  convai_client_list_documents_async (client, lister, cancellable, list_finished_cb, g_steal_pointer (&task));
}

static gboolean
troupe_document_store_load_finish (TroupeStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  TroupeDocumentStore *self = TROUPE_DOCUMENT_STORE (store);
  g_autoptr(GListModel) docs = g_task_propagate_pointer (G_TASK (result), error);
  const char *lister = g_task_get_task_data (G_TASK (result));

  if (docs == NULL)
    return FALSE;
  take_list_sent_at (self, lister, docs, TRUE, self->load_sent_at);
  if (lister != NULL)
    start_sweep (self, lister);
  return TRUE;
}

static void
troupe_document_store_clear (TroupeStore *store)
{
  TroupeDocumentStore *self = TROUPE_DOCUMENT_STORE (store);

  g_queue_clear_full (&self->sweep, g_free);
  self->sweeps_running = 0;
  self->poll_running = FALSE;
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->waited_since);
  g_hash_table_remove_all (self->uploaded_at);
  g_hash_table_remove_all (self->deleted);
  g_list_store_remove_all (self->documents);
}

/* Characters arriving (or the last one leaving) change what can be listed. */
static void
characters_changed_cb (TroupeDocumentStore *self)
{
  gboolean has_lister = lister_id (self) != NULL;

  if (has_lister != self->has_lister && troupe_store_get_client (TROUPE_STORE (self)) != NULL
      && troupe_store_get_loaded (TROUPE_STORE (self)))
    troupe_store_reload (TROUPE_STORE (self));
}

/* ---- delete ---- */

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TroupeDocumentStore *self = g_task_get_source_object (task);
  const char *doc_id = g_task_get_task_data (task);
  GError *error = NULL;

  if (!convai_client_delete_document_finish (CONVAI_CLIENT (source), result, &error)
      && !g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);
  if (troupe_document_store_lookup (self, doc_id) != NULL)
    {
      GListModel *model = G_LIST_MODEL (self->documents);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TroupeDocument) document = g_list_model_get_item (model, i);

          if (g_strcmp0 (troupe_document_get_id (document), doc_id) == 0)
            {
              g_hash_table_remove (self->by_id, doc_id);
              g_list_store_remove (self->documents, i);
              break;
            }
        }
    }
  g_hash_table_remove (self->waited_since, doc_id);
  g_hash_table_remove (self->uploaded_at, doc_id);
  g_hash_table_add (self->deleted, g_strdup (doc_id));
  troupe_document_versions_forget (self->versions, doc_id);
  g_signal_emit (self, signals[SIGNAL_DOCUMENT_REMOVED], 0, doc_id);
  schedule_poll (self);
  g_task_return_boolean (task, TRUE);
}

void
troupe_document_store_delete_async (TroupeDocumentStore *self,
                                    const char          *doc_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConvaiClient *client;

  g_return_if_fail (TROUPE_IS_DOCUMENT_STORE (self));
  g_return_if_fail (doc_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_document_store_delete_async);
  g_task_set_task_data (task, g_strdup (doc_id), g_free);
  if ((client = troupe_store_get_client (TROUPE_STORE (self))) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("Troupe is not connected, so nothing was deleted."));
      return;
    }
  convai_client_delete_document_async (client, doc_id, cancellable, deleted_cb, g_steal_pointer (&task));
}

gboolean
troupe_document_store_delete_finish (TroupeDocumentStore *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- public ---- */

GListModel *
troupe_document_store_get_documents (TroupeDocumentStore *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_STORE (self), NULL);
  return G_LIST_MODEL (self->documents);
}

TroupeDocument *
troupe_document_store_lookup (TroupeDocumentStore *self,
                              const char          *doc_id)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_STORE (self), NULL);
  return doc_id != NULL ? g_hash_table_lookup (self->by_id, doc_id) : NULL;
}

gboolean
troupe_document_store_get_has_lister (TroupeDocumentStore *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_STORE (self), FALSE);
  return self->has_lister;
}

/* ---- GObject ---- */

static void
loading_changed_cb (TroupeDocumentStore *self)
{
  schedule_poll (self);
}

static void
troupe_document_store_dispose (GObject *object)
{
  TroupeDocumentStore *self = TROUPE_DOCUMENT_STORE (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->characters != NULL)
    g_signal_handlers_disconnect_by_data (troupe_character_store_get_characters (self->characters), self);
  g_clear_object (&self->characters);
  G_OBJECT_CLASS (troupe_document_store_parent_class)->dispose (object);
}

static void
troupe_document_store_finalize (GObject *object)
{
  TroupeDocumentStore *self = TROUPE_DOCUMENT_STORE (object);

  g_queue_clear_full (&self->sweep, g_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->waited_since, g_hash_table_unref);
  g_clear_pointer (&self->uploaded_at, g_hash_table_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_object (&self->documents);
  g_clear_object (&self->versions);
  g_free (self->poll_char_id);
  G_OBJECT_CLASS (troupe_document_store_parent_class)->finalize (object);
}

static void
troupe_document_store_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TroupeDocumentStore *self = TROUPE_DOCUMENT_STORE (object);

  switch (prop_id)
    {
    case PROP_HAS_LISTER: g_value_set_boolean (value, self->has_lister); break;
    case PROP_CONNECTIONS_LOADING: g_value_set_boolean (value, self->sweeps_running > 0); break;
    case PROP_POLLING: g_value_set_boolean (value, troupe_document_store_get_polling (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_document_store_class_init (TroupeDocumentStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TroupeStoreClass *store_class = TROUPE_STORE_CLASS (klass);

  object_class->dispose = troupe_document_store_dispose;
  object_class->finalize = troupe_document_store_finalize;
  object_class->get_property = troupe_document_store_get_property;
  store_class->load = troupe_document_store_load;
  store_class->load_finish = troupe_document_store_load_finish;
  store_class->clear = troupe_document_store_clear;
  store_class->load_failed_text = N_("Could not load the knowledge bank");
  store_class->load_stopped_text = N_("Loading the knowledge bank was stopped.");

  properties[PROP_HAS_LISTER] =
    g_param_spec_boolean ("has-lister", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONNECTIONS_LOADING] =
    g_param_spec_boolean ("connections-loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_POLLING] =
    g_param_spec_boolean ("polling", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_DOCUMENT_UPDATED] =
    g_signal_new ("document-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, TROUPE_TYPE_DOCUMENT);
  signals[SIGNAL_DOCUMENT_REMOVED] =
    g_signal_new ("document-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
troupe_document_store_init (TroupeDocumentStore *self)
{
  self->documents = g_list_store_new (TROUPE_TYPE_DOCUMENT);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->waited_since = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->uploaded_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->poll_interval = FIRST_POLL_MS;
  self->stall_seconds = STALL_SECONDS;
  g_queue_init (&self->sweep);
  g_signal_connect (self, "notify::loading", G_CALLBACK (loading_changed_cb), NULL);
}

TroupeDocumentStore *
troupe_document_store_new (TroupeCharacterStore   *characters,
                           TroupeDocumentVersions *versions)
{
  TroupeDocumentStore *self;

  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (characters), NULL);
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_VERSIONS (versions), NULL);

  self = g_object_new (TROUPE_TYPE_DOCUMENT_STORE, NULL);
  self->characters = g_object_ref (characters);
  self->versions = g_object_ref (versions);
  g_signal_connect_object (troupe_character_store_get_characters (characters), "items-changed",
                           G_CALLBACK (characters_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}
