/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The upload queue: a list of TroupeUpload in the order they were added;
 * the oldest QUEUED ones are started, at most MAX_SENDING at a time.
 */
#include "troupe-upload-queue.h"
#include "troupe-upload-private.h"
#include "troupe-file-write.h"

/* Two: a small file is not stuck behind a big one, while more would only
 * split the same connection's bandwidth and make every one finish later. */
#define MAX_SENDING 2

struct _TroupeUploadQueue
{
  GObject parent_instance;

  GPtrArray *uploads;
  ConvaiClient *client;
  guint sending;
  goffset max_bytes;

  /* Saving: one write at a time; a change meanwhile writes again after it. */
  GFile *state_file;
  GCancellable *cancellable;
  gboolean writing;
  gboolean dirty;
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
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->state_file);
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
  self->max_bytes = TROUPE_UPLOAD_MAX_BYTES;
}

TroupeUploadQueue *
troupe_upload_queue_new (void)
{
  return g_object_new (TROUPE_TYPE_UPLOAD_QUEUE, NULL);
}

/* What is not finished yet, and how to send it again. */
static GBytes *
serialize (TroupeUploadQueue *self)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  guint n = 0;
  gsize length;
  char *data;

  for (guint i = 0; i < self->uploads->len; i++)
    {
      TroupeUpload *upload = g_ptr_array_index (self->uploads, i);
      TroupeUploadState state = troupe_upload_get_state (upload);
      g_autofree char *group = NULL;
      g_autofree char *uri = NULL;

      if (state != TROUPE_UPLOAD_QUEUED && state != TROUPE_UPLOAD_SENDING &&
          state != TROUPE_UPLOAD_INTERRUPTED)
        continue;
      group = g_strdup_printf ("upload-%u", n++);
      uri = g_file_get_uri (troupe_upload_get_file (upload));
      g_key_file_set_string (keys, group, "uri", uri);
      if (troupe_upload_is_new_version (upload))
        g_key_file_set_string (keys, group, "new-version-of", troupe_upload_get_document_id (upload));
      if (troupe_upload_get_character_id (upload) != NULL)
        g_key_file_set_string (keys, group, "character-id", troupe_upload_get_character_id (upload));
    }
  data = g_key_file_to_data (keys, &length, NULL);
  return g_bytes_new_take (data, length);
}

static void save (TroupeUploadQueue *self);

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TroupeUploadQueue *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!troupe_file_write_finish (G_FILE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the upload queue: %s", error->message);
  self->writing = FALSE;
  if (self->dirty && self->state_file != NULL)
    save (self);
  g_object_unref (self);
}

static void
save (TroupeUploadQueue *self)
{
  g_autoptr(GBytes) bytes = NULL;

  if (self->state_file == NULL)
    return;
  if (self->writing)
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;
  self->writing = TRUE;
  bytes = serialize (self);
  troupe_file_write_async (self->state_file, bytes, self->cancellable, written_cb, g_object_ref (self));
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
      troupe_upload_start (upload, self->client, self->max_bytes, upload_done_cb, self);
    }
}

static void
state_changed_cb (TroupeUpload      *upload,
                  GParamSpec        *pspec,
                  TroupeUploadQueue *self)
{
  save (self);
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
  save (self);
  pump (self);
  return upload;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TroupeUploadQueue *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &data, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the saved upload queue: %s", error->message);
      g_object_unref (self);
      return;
    }
  if (!g_key_file_load_from_data (keys, data, length, G_KEY_FILE_NONE, &error))
    {
      g_warning ("The saved upload queue is damaged, so it is left out: %s", error->message);
      g_object_unref (self);
      return;
    }
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *uri = g_key_file_get_string (keys, groups[i], "uri", NULL);
      g_autofree char *doc_id = g_key_file_get_string (keys, groups[i], "new-version-of", NULL);
      g_autofree char *char_id = g_key_file_get_string (keys, groups[i], "character-id", NULL);
      g_autoptr(GFile) file = NULL;
      TroupeUpload *upload;

      if (uri == NULL)
        continue;
      file = g_file_new_for_uri (uri);
      upload = troupe_upload_new (file, doc_id, doc_id != NULL, char_id);
      troupe_upload_set_interrupted (upload);
      append (self, upload);
    }
  g_object_unref (self);
}

TroupeUploadQueue *
troupe_upload_queue_new_saved (GFile *state_file)
{
  TroupeUploadQueue *self = troupe_upload_queue_new ();

  self->state_file = g_object_ref (state_file);
  self->cancellable = g_cancellable_new ();
  g_file_load_contents_async (state_file, self->cancellable, loaded_cb, g_object_ref (self));
  return self;
}

TroupeUploadQueue *
troupe_upload_queue_new_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "troupe", "uploads.ini", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return troupe_upload_queue_new_saved (file);
}

void
troupe_upload_queue_set_max_bytes (TroupeUploadQueue *self,
                                   goffset            max_bytes)
{
  g_return_if_fail (TROUPE_IS_UPLOAD_QUEUE (self));
  g_return_if_fail (max_bytes > 0);

  self->max_bytes = max_bytes;
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

void
troupe_upload_queue_clear_finished (TroupeUploadQueue *self)
{
  g_return_if_fail (TROUPE_IS_UPLOAD_QUEUE (self));

  /* From the end, one change per row, so a view removes just those rows.
   * Failed and interrupted ones stay: they still offer Retry. */
  for (guint i = self->uploads->len; i > 0; i--)
    {
      TroupeUpload *upload = g_ptr_array_index (self->uploads, i - 1);
      TroupeUploadState state = troupe_upload_get_state (upload);

      if (state != TROUPE_UPLOAD_DONE && state != TROUPE_UPLOAD_CANCELLED && state != TROUPE_UPLOAD_REFUSED)
        continue;
      g_signal_handlers_disconnect_by_data (upload, self);
      g_ptr_array_remove_index (self->uploads, i - 1);
      g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
    }
  save (self);
}
