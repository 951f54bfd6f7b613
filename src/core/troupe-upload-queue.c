/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The upload queue: a list of TroupeUpload in the order they were added;
 * the oldest QUEUED ones are started, at most MAX_SENDING at a time.
 */
#include "troupe-upload-queue.h"
#include "troupe-upload-private.h"

/* Two: a small file is not stuck behind a big one, while more would only
 * split the same connection's bandwidth and make every one finish later. */
#define MAX_SENDING 2

struct _TroupeUploadQueue
{
  GObject parent_instance;

  GPtrArray *uploads;
  ConvaiClient *client;
  guint sending;
};

enum { UPLOAD_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void troupe_upload_queue_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TroupeUploadQueue, troupe_upload_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      troupe_upload_queue_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return TROUPE_TYPE_UPLOAD;
}

static guint
get_n_items (GListModel *model)
{
  return TROUPE_UPLOAD_QUEUE (model)->uploads->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TroupeUploadQueue *self = TROUPE_UPLOAD_QUEUE (model);

  if (position >= self->uploads->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->uploads, position));
}

static void
troupe_upload_queue_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void state_changed_cb (TroupeUpload *upload, GParamSpec *pspec, TroupeUploadQueue *self);

static void
troupe_upload_queue_dispose (GObject *object)
{
  TroupeUploadQueue *self = TROUPE_UPLOAD_QUEUE (object);

  /* Sending uploads hold the queue, so none is sending here. */
  for (guint i = 0; i < self->uploads->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->uploads, i), state_changed_cb, self);
  g_ptr_array_set_size (self->uploads, 0);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (troupe_upload_queue_parent_class)->dispose (object);
}

static void
troupe_upload_queue_finalize (GObject *object)
{
  g_ptr_array_unref (TROUPE_UPLOAD_QUEUE (object)->uploads);
  G_OBJECT_CLASS (troupe_upload_queue_parent_class)->finalize (object);
}

static void
troupe_upload_queue_class_init (TroupeUploadQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_upload_queue_dispose;
  object_class->finalize = troupe_upload_queue_finalize;

  signals[UPLOAD_DONE] = g_signal_new ("upload-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       TROUPE_TYPE_UPLOAD, G_TYPE_OBJECT);
}

static void
troupe_upload_queue_init (TroupeUploadQueue *self)
{
  self->uploads = g_ptr_array_new_with_free_func (g_object_unref);
}

TroupeUploadQueue *
troupe_upload_queue_new (void)
{
  return g_object_new (TROUPE_TYPE_UPLOAD_QUEUE, NULL);
}

static void
upload_done_cb (TroupeUpload       *upload,
                ConvaiKnowledgeDoc *doc,
                gpointer            data)
{
  /* TODO for the integrator: troupe_document_store_add () here once issue-11a's store is merged. */
  g_signal_emit (data, signals[UPLOAD_DONE], 0, upload, doc);
}

/* Starts the oldest queued uploads while there is room. */
static void
pump (TroupeUploadQueue *self)
{
  for (guint i = 0; i < self->uploads->len && self->sending < MAX_SENDING && self->client != NULL; i++)
    {
      TroupeUpload *upload = g_ptr_array_index (self->uploads, i);

      if (troupe_upload_get_state (upload) != TROUPE_UPLOAD_QUEUED)
        continue;
      self->sending++;
      g_object_ref (self); /* a sending upload keeps the queue for its done callback */
      troupe_upload_start (upload, self->client, upload_done_cb, self);
    }
}

static void
state_changed_cb (TroupeUpload      *upload,
                  GParamSpec        *pspec,
                  TroupeUploadQueue *self)
{
  /* Only an upload that was sending can leave SENDING; QUEUED → CANCELLED takes no slot. */
  if (troupe_upload_get_state (upload) == TROUPE_UPLOAD_SENDING ||
      troupe_upload_get_state (upload) == TROUPE_UPLOAD_QUEUED)
    return;
  if (g_object_get_data (G_OBJECT (upload), "troupe-queue-sending") != NULL)
    {
      g_object_set_data (G_OBJECT (upload), "troupe-queue-sending", NULL);
      self->sending--;
      pump (self);
      g_object_unref (self);
    }
}

static void
sending_cb (TroupeUpload      *upload,
            GParamSpec        *pspec,
            TroupeUploadQueue *self)
{
  if (troupe_upload_get_state (upload) == TROUPE_UPLOAD_SENDING)
    g_object_set_data (G_OBJECT (upload), "troupe-queue-sending", GINT_TO_POINTER (1));
}

static TroupeUpload *
append (TroupeUploadQueue *self,
        TroupeUpload      *upload)
{
  g_signal_connect (upload, "notify::state", G_CALLBACK (sending_cb), self);
  g_signal_connect_after (upload, "notify::state", G_CALLBACK (state_changed_cb), self);
  g_ptr_array_add (self->uploads, upload);
  g_list_model_items_changed (G_LIST_MODEL (self), self->uploads->len - 1, 0, 1);
  pump (self);
  return upload;
}

void
troupe_upload_queue_set_client (TroupeUploadQueue *self,
                                ConvaiClient      *client)
{
  g_return_if_fail (TROUPE_IS_UPLOAD_QUEUE (self));

  if (!g_set_object (&self->client, client))
    return;
  pump (self);
}

TroupeUpload *
troupe_upload_queue_add_file (TroupeUploadQueue *self,
                              GFile             *file,
                              const char        *char_id_or_null)
{
  g_return_val_if_fail (TROUPE_IS_UPLOAD_QUEUE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return append (self, troupe_upload_new (file, NULL, FALSE, char_id_or_null));
}

TroupeUpload *
troupe_upload_queue_add_new_version (TroupeUploadQueue *self,
                                     const char        *doc_id,
                                     GFile             *file)
{
  g_return_val_if_fail (TROUPE_IS_UPLOAD_QUEUE (self), NULL);
  g_return_val_if_fail (doc_id != NULL && G_IS_FILE (file), NULL);

  return append (self, troupe_upload_new (file, doc_id, TRUE, NULL));
}

void
troupe_upload_queue_retry (TroupeUploadQueue *self,
                           TroupeUpload      *upload)
{
  g_return_if_fail (TROUPE_IS_UPLOAD_QUEUE (self));

  if (!troupe_upload_is_finished (upload) || troupe_upload_get_state (upload) == TROUPE_UPLOAD_DONE)
    return;
  troupe_upload_reset (upload);
  pump (self);
}

void
troupe_upload_queue_cancel_all (TroupeUploadQueue *self)
{
  g_return_if_fail (TROUPE_IS_UPLOAD_QUEUE (self));

  /* Queued ones first, so a cancelled sender does not start the next. */
  for (guint i = 0; i < self->uploads->len; i++)
    if (troupe_upload_get_state (g_ptr_array_index (self->uploads, i)) == TROUPE_UPLOAD_QUEUED)
      troupe_upload_cancel (g_ptr_array_index (self->uploads, i));
  for (guint i = 0; i < self->uploads->len; i++)
    troupe_upload_cancel (g_ptr_array_index (self->uploads, i));
}
