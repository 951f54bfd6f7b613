/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-document-watch.h"

#include "convai-error.h"

#define DEFAULT_INITIAL_MS 1000
#define DEFAULT_MAX_MS     30000

struct _ConvaiDocumentWatch
{
  GObject             parent_instance;
  ConvaiClient       *client;
  char               *char_id;
  char               *doc_id;
  ConvaiKnowledgeDoc *document;
  GCancellable       *cancellable;  /* of the poll in flight */
  guint               timeout_id;
  guint               initial_ms;
  guint               max_ms;
  guint               next_ms;
  gboolean            running;
};

G_DEFINE_FINAL_TYPE (ConvaiDocumentWatch, convai_document_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CHARACTER_ID,
  PROP_DOCUMENT_ID,
  PROP_DOCUMENT,
  PROP_RUNNING,
  PROP_INITIAL_INTERVAL,
  PROP_MAX_INTERVAL,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_AVAILABLE,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void poll_now (ConvaiDocumentWatch *self);

static void
set_running (ConvaiDocumentWatch *self,
             gboolean             running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
convai_document_watch_stop (ConvaiDocumentWatch *self)
{
  g_return_if_fail (CONVAI_IS_DOCUMENT_WATCH (self));
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
}

static void
convai_document_watch_dispose (GObject *object)
{
  convai_document_watch_stop (CONVAI_DOCUMENT_WATCH (object));
  G_OBJECT_CLASS (convai_document_watch_parent_class)->dispose (object);
}

static void
convai_document_watch_finalize (GObject *object)
{
  ConvaiDocumentWatch *self = CONVAI_DOCUMENT_WATCH (object);

  g_clear_object (&self->client);
  g_free (self->char_id);
  g_free (self->doc_id);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (convai_document_watch_parent_class)->finalize (object);
}

static void
convai_document_watch_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConvaiDocumentWatch *self = CONVAI_DOCUMENT_WATCH (object);

  switch (prop_id)
    {
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    case PROP_CHARACTER_ID: g_value_set_string (value, self->char_id); break;
    case PROP_DOCUMENT_ID: g_value_set_string (value, self->doc_id); break;
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_RUNNING: g_value_set_boolean (value, self->running); break;
    case PROP_INITIAL_INTERVAL: g_value_set_uint (value, self->initial_ms); break;
    case PROP_MAX_INTERVAL: g_value_set_uint (value, self->max_ms); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_document_watch_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConvaiDocumentWatch *self = CONVAI_DOCUMENT_WATCH (object);

  switch (prop_id)
    {
    case PROP_CLIENT: self->client = g_value_dup_object (value); break;
    case PROP_CHARACTER_ID: self->char_id = g_value_dup_string (value); break;
    case PROP_DOCUMENT_ID: self->doc_id = g_value_dup_string (value); break;
    case PROP_INITIAL_INTERVAL: self->initial_ms = MAX (1, g_value_get_uint (value)); break;
    case PROP_MAX_INTERVAL: self->max_ms = MAX (1, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_document_watch_class_init (ConvaiDocumentWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS;

  object_class->dispose = convai_document_watch_dispose;
  object_class->finalize = convai_document_watch_finalize;
  object_class->get_property = convai_document_watch_get_property;
  object_class->set_property = convai_document_watch_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, CONVAI_TYPE_CLIENT, construct);
  properties[PROP_CHARACTER_ID] = g_param_spec_string ("character-id", NULL, NULL, NULL, construct);
  properties[PROP_DOCUMENT_ID] = g_param_spec_string ("document-id", NULL, NULL, NULL, construct);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, CONVAI_TYPE_KNOWLEDGE_DOC, ro);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_INITIAL_INTERVAL] =
    g_param_spec_uint ("initial-interval", NULL, NULL, 1, G_MAXUINT, DEFAULT_INITIAL_MS, rw);
  properties[PROP_MAX_INTERVAL] =
    g_param_spec_uint ("max-interval", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_MS, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CONVAI_TYPE_KNOWLEDGE_DOC);
  signals[SIGNAL_AVAILABLE] =
    g_signal_new ("available", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CONVAI_TYPE_KNOWLEDGE_DOC);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
convai_document_watch_init (ConvaiDocumentWatch *self)
{
}

ConvaiDocumentWatch *
convai_document_watch_new (ConvaiClient *client,
                           const char   *char_id,
                           const char   *doc_id)
{
  g_return_val_if_fail (CONVAI_IS_CLIENT (client), NULL);
  g_return_val_if_fail (char_id != NULL && doc_id != NULL, NULL);
  return g_object_new (CONVAI_TYPE_DOCUMENT_WATCH,
                       "client", client,
                       "character-id", char_id,
                       "document-id", doc_id,
                       NULL);
}

void
convai_document_watch_set_intervals (ConvaiDocumentWatch *self,
                                     guint                initial_ms,
                                     guint                max_ms)
{
  g_return_if_fail (CONVAI_IS_DOCUMENT_WATCH (self));
  g_return_if_fail (initial_ms > 0 && max_ms >= initial_ms);
  self->initial_ms = initial_ms;
  self->max_ms = max_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIAL_INTERVAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_INTERVAL]);
}

static gboolean
poll_timeout_cb (gpointer user_data)
{
  ConvaiDocumentWatch *self = user_data;

  self->timeout_id = 0;
  poll_now (self);
  return G_SOURCE_REMOVE;
}

static void
fail (ConvaiDocumentWatch *self,
      GError              *error)
{
  g_autoptr(GError) owned = error;

  convai_document_watch_stop (self);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, owned);
}

static gboolean
doc_differs (ConvaiKnowledgeDoc *a,
             ConvaiKnowledgeDoc *b)
{
  return a == NULL
         || convai_knowledge_doc_get_is_available (a) != convai_knowledge_doc_get_is_available (b)
         || g_strcmp0 (convai_knowledge_doc_get_status (a), convai_knowledge_doc_get_status (b)) != 0
         || g_strcmp0 (convai_knowledge_doc_get_file_name (a), convai_knowledge_doc_get_file_name (b)) != 0
         || convai_knowledge_doc_get_file_size (a) != convai_knowledge_doc_get_file_size (b);
}

static ConvaiKnowledgeDoc *
find_document (GListModel *docs,
               const char *doc_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      if (g_strcmp0 (convai_knowledge_doc_get_id (doc), doc_id) == 0)
        return g_steal_pointer (&doc);
    }
  return NULL;
}

static void
handle_documents (ConvaiDocumentWatch *self,
                  GListModel          *docs)
{
  g_autoptr(ConvaiKnowledgeDoc) doc = find_document (docs, self->doc_id);

  if (doc == NULL)
    {
      fail (self, g_error_new (CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND,
                               "The document %s is no longer in the knowledge bank", self->doc_id));
      return;
    }
  if (doc_differs (self->document, doc))
    {
      g_set_object (&self->document, doc);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, doc);
    }
  if (!self->running)
    return;  /* a "changed" handler stopped us */
  if (convai_knowledge_doc_get_is_available (doc))
    {
      convai_document_watch_stop (self);
      g_signal_emit (self, signals[SIGNAL_AVAILABLE], 0, doc);
      return;
    }
  self->timeout_id = g_timeout_add (self->next_ms, poll_timeout_cb, self);
  self->next_ms = MIN (self->next_ms * 2, self->max_ms);
}

/* The poll holds only a weak reference: a watch whose owner lets go of it
 * is disposed, which cancels the poll. */
static void
documents_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(ConvaiDocumentWatch) self = g_weak_ref_get (weak);
  g_autoptr(GListModel) docs = NULL;
  GError *error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  docs = convai_client_list_documents_finish (CONVAI_CLIENT (object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      return;
    }
  g_clear_object (&self->cancellable);
  if (docs == NULL)
    fail (self, error);
  else
    handle_documents (self, docs);
}

static void
poll_now (ConvaiDocumentWatch *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  self->cancellable = g_cancellable_new ();
  convai_client_list_documents_async (self->client, self->char_id, self->cancellable,
                                      documents_listed_cb, weak);
}

void
convai_document_watch_start (ConvaiDocumentWatch *self)
{
  g_return_if_fail (CONVAI_IS_DOCUMENT_WATCH (self));
  if (self->running)
    return;
  set_running (self, TRUE);
  self->next_ms = self->initial_ms;
  poll_now (self);
}

gboolean
convai_document_watch_get_running (ConvaiDocumentWatch *self)
{
  g_return_val_if_fail (CONVAI_IS_DOCUMENT_WATCH (self), FALSE);
  return self->running;
}

ConvaiKnowledgeDoc *
convai_document_watch_get_document (ConvaiDocumentWatch *self)
{
  g_return_val_if_fail (CONVAI_IS_DOCUMENT_WATCH (self), NULL);
  return self->document;
}
