/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-upload-connector"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-upload-connector.h"
#include "troupe-document.h"
#include "troupe-document-connect.h"
#include "troupe-error-text.h"

#define FIRST_DELAY_S 1
#define MAX_DELAY_S   30
/* Convai says processing takes minutes, old pages say up to about ten. */
#define GIVE_UP_US    (10 * 60 * G_USEC_PER_SEC)

typedef struct
{
  char   *char_id;
  char   *doc_id;
  char   *file_name;
  gint64  since;     /* monotonic, when the upload finished */
} Waiting;

struct _TroupeUploadConnector
{
  GObject            parent_instance;

  TroupeUploadQueue *queue;
  ConvaiClient      *client;
  GPtrArray         *waiting;      /* of Waiting, the next to ask first */
  GCancellable      *cancellable;  /* this client's calls */
  guint              tick_id;
  guint              delay_s;
  gboolean           listing;      /* a list call is out */
};

G_DEFINE_FINAL_TYPE (TroupeUploadConnector, troupe_upload_connector, G_TYPE_OBJECT)

enum { PROP_0, PROP_N_WAITING, N_PROPS };
enum { CONNECTED, FAILED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule (TroupeUploadConnector *self);

static void
waiting_free (gpointer data)
{
  Waiting *waiting = data;

  g_free (waiting->char_id);
  g_free (waiting->doc_id);
  g_free (waiting->file_name);
  g_free (waiting);
}

static void
fail (TroupeUploadConnector *self,
      Waiting               *waiting,
      const char            *message)
{
  g_signal_emit (self, signals[FAILED], 0, waiting->char_id, waiting->file_name, message);
}

typedef struct
{
  TroupeUploadConnector *self;
  char                  *char_id;
  char                  *names;   /* the documents, for a failure */
} Connecting;

static void
connecting_free (Connecting *connecting)
{
  g_object_unref (connecting->self);
  g_free (connecting->char_id);
  g_free (connecting->names);
  g_free (connecting);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Connecting *connecting = user_data;
  TroupeUploadConnector *self = connecting->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) docs = troupe_document_connect_finish (result, NULL, &error);

  if (docs != NULL)
    g_signal_emit (self, signals[CONNECTED], 0, connecting->char_id, docs);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *failed = g_strdup_printf (_("Uploaded, but could not add %s to the character"), connecting->names);
      g_autofree char *message = troupe_error_text (failed, error);

      g_signal_emit (self, signals[FAILED], 0, connecting->char_id, connecting->names, message);
    }
  connecting_free (connecting);
}

static ConvaiKnowledgeDoc *
find_doc (GListModel *docs,
          const char *doc_id)
{
  guint n = g_list_model_get_n_items (docs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);

      if (g_strcmp0 (convai_knowledge_doc_get_id (doc), doc_id) == 0)
        return g_steal_pointer (&doc);
    }
  return NULL;
}

/* Sorts one character's waiting documents by what the list says: ready
 * ones are connected in one write, failed or gone ones told, the rest wait
 * behind the other characters'. */
static void
take_list (TroupeUploadConnector *self,
           const char            *char_id,
           GListModel            *docs)
{
  g_autoptr(GPtrArray) ready = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) still = g_ptr_array_new ();
  gint64 now = g_get_monotonic_time ();
  guint i = 0;

  while (i < self->waiting->len)
    {
      Waiting *waiting = g_ptr_array_index (self->waiting, i);
      g_autoptr(ConvaiKnowledgeDoc) doc = NULL;
      g_autofree char *reason = NULL;

      if (g_strcmp0 (waiting->char_id, char_id) != 0)
        {
          i++;
          continue;
        }
      doc = find_doc (docs, waiting->doc_id);
      if (doc == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” was deleted before it could be added to the character."), waiting->file_name);

          fail (self, waiting, message);
        }
      else if (convai_knowledge_doc_get_is_available (doc))
        {
          g_ptr_array_add (ready, g_strdup (waiting->doc_id));
          g_ptr_array_add (names, g_strdup_printf ("“%s”", waiting->file_name));
        }
      else if ((reason = troupe_document_dup_processing_error (doc)) != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” could not be processed: %s. It was not added to the character."),
                                                      waiting->file_name, reason);

          fail (self, waiting, message);
        }
      else if (now - waiting->since > GIVE_UP_US)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is still being processed after 10 minutes. Add it from the character’s Knowledge page once it is ready."),
                                                      waiting->file_name);

          fail (self, waiting, message);
        }
      else
        {
          /* Still processing: behind the other characters'. */
          g_ptr_array_add (still, g_ptr_array_steal_index (self->waiting, i));
          continue;
        }
      g_ptr_array_remove_index (self->waiting, i);
    }
  for (i = 0; i < still->len; i++)
    g_ptr_array_add (self->waiting, g_ptr_array_index (still, i));

  if (ready->len > 0)
    {
      Connecting *connecting = g_new0 (Connecting, 1);

      g_ptr_array_add (ready, NULL);
      g_ptr_array_add (names, NULL);
      connecting->self = g_object_ref (self);
      connecting->char_id = g_strdup (char_id);
      connecting->names = g_strjoinv (", ", (char **) names->pdata);
      troupe_document_connect_async (self->client, char_id, (const char * const *) ready->pdata, NULL, NULL,
                                     self->cancellable, connected_cb, connecting);
    }
}

typedef struct
{
  TroupeUploadConnector *self;
  char                  *char_id;
} Listing;

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Listing *listing = user_data;
  g_autoptr(TroupeUploadConnector) self = listing->self;
  g_autofree char *char_id = listing->char_id;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) docs = convai_client_list_documents_finish (CONVAI_CLIENT (source), result, &error);

  g_free (listing);
  /* Cancelled: a new client or dispose, which reset everything. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->listing = FALSE;
  if (docs != NULL)
    take_list (self, char_id, docs);
  /* A failed read is asked again at the next tick: the upload itself went
   * through, and the server may answer in a moment. */
  self->delay_s = MIN (self->delay_s * 2, MAX_DELAY_S);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
  schedule (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  TroupeUploadConnector *self = user_data;
  Waiting *first;
  Listing *listing;

  self->tick_id = 0;
  if (self->waiting->len == 0 || self->client == NULL)
    return G_SOURCE_REMOVE;
  first = g_ptr_array_index (self->waiting, 0);
  listing = g_new0 (Listing, 1);
  listing->self = g_object_ref (self);
  listing->char_id = g_strdup (first->char_id);
  self->listing = TRUE;
  convai_client_list_documents_async (self->client, first->char_id, self->cancellable, listed_cb, listing);
  return G_SOURCE_REMOVE;
}

static void
schedule (TroupeUploadConnector *self)
{
  if (self->tick_id != 0 || self->listing || self->waiting->len == 0 || self->client == NULL)
    return;
  self->tick_id = g_timeout_add_seconds (self->delay_s, tick_cb, self);
}

static void
upload_done_cb (TroupeUploadConnector *self,
                TroupeUpload          *upload,
                ConvaiKnowledgeDoc    *doc)
{
  const char *char_id = troupe_upload_get_character_id (upload);
  Waiting *waiting;

  if (char_id == NULL || troupe_upload_is_new_version (upload))
    return;
  waiting = g_new0 (Waiting, 1);
  waiting->char_id = g_strdup (char_id);
  waiting->doc_id = g_strdup (convai_knowledge_doc_get_id (doc));
  waiting->file_name = g_strdup (convai_knowledge_doc_get_file_name (doc));
  if (waiting->file_name == NULL)
    waiting->file_name = g_strdup (troupe_upload_get_display_name (upload));
  waiting->since = g_get_monotonic_time ();
  g_ptr_array_insert (self->waiting, 0, waiting);
  /* A new document: ask soon again, whatever the backoff had reached. */
  self->delay_s = FIRST_DELAY_S;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
  schedule (self);
}

void
troupe_upload_connector_set_client (TroupeUploadConnector *self,
                                    ConvaiClient          *client)
{
  g_return_if_fail (TROUPE_IS_UPLOAD_CONNECTOR (self));

  if (self->client == client)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->client, client);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->listing = FALSE;
  g_ptr_array_set_size (self->waiting, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
}

guint
troupe_upload_connector_get_n_waiting (TroupeUploadConnector *self)
{
  g_return_val_if_fail (TROUPE_IS_UPLOAD_CONNECTOR (self), 0);

  return self->waiting->len;
}

TroupeUploadConnector *
troupe_upload_connector_new (TroupeUploadQueue *queue)
{
  TroupeUploadConnector *self;

  g_return_val_if_fail (TROUPE_IS_UPLOAD_QUEUE (queue), NULL);

  self = g_object_new (TROUPE_TYPE_UPLOAD_CONNECTOR, NULL);
  self->queue = g_object_ref (queue);
  g_signal_connect_object (queue, "upload-done", G_CALLBACK (upload_done_cb), self, G_CONNECT_SWAPPED);
  return self;
}

static void
troupe_upload_connector_dispose (GObject *object)
{
  TroupeUploadConnector *self = TROUPE_UPLOAD_CONNECTOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->queue);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (troupe_upload_connector_parent_class)->dispose (object);
}

static void
troupe_upload_connector_finalize (GObject *object)
{
  TroupeUploadConnector *self = TROUPE_UPLOAD_CONNECTOR (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->waiting);

  G_OBJECT_CLASS (troupe_upload_connector_parent_class)->finalize (object);
}

static void
troupe_upload_connector_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TroupeUploadConnector *self = TROUPE_UPLOAD_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_N_WAITING:
      g_value_set_uint (value, self->waiting->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_upload_connector_class_init (TroupeUploadConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_upload_connector_dispose;
  object_class->finalize = troupe_upload_connector_finalize;
  object_class->get_property = troupe_upload_connector_get_property;

  properties[PROP_N_WAITING] = g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                     G_TYPE_STRING, G_TYPE_LIST_MODEL);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
troupe_upload_connector_init (TroupeUploadConnector *self)
{
  self->waiting = g_ptr_array_new_with_free_func (waiting_free);
  self->cancellable = g_cancellable_new ();
  self->delay_s = FIRST_DELAY_S;
}
