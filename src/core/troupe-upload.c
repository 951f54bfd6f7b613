/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One upload: the checks before sending (with the reason in words), the
 * streamed send, progress coalesced to at most ~30 notifies a second, a
 * smoothed rate, and a check after that the file did not change meanwhile.
 */
#include "troupe-upload-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* A frame-ish: more notifies than this only make the rows redraw for nothing. */
#define NOTIFY_INTERVAL_US (G_USEC_PER_SEC / 30)
/* The rate is sampled this often and smoothed, so it does not jitter. */
#define RATE_INTERVAL_US (G_USEC_PER_SEC / 4)
#define RATE_WEIGHT 0.3

struct _TroupeUpload
{
  GObject parent_instance;

  GFile *file;
  char *display_name;
  TroupeUploadState state;
  goffset bytes_sent;
  goffset bytes_total;
  double rate;
  double seconds_left;
  char *error_message;
  char *document_id;
  char *character_id;
  gboolean new_version;

  /* While sending. */
  GCancellable *cancellable;
  ConvaiClient *client;
  TroupeUploadDoneFunc done;
  gpointer done_data;
  goffset max_bytes;
  goffset size_before;
  guint64 mtime_before;
  gint64 last_notify_us;
  gint64 rate_sample_us;
  goffset rate_sample_bytes;
};

enum
{
  PROP_0,
  PROP_FILE,
  PROP_DISPLAY_NAME,
  PROP_STATE,
  PROP_BYTES_SENT,
  PROP_BYTES_TOTAL,
  PROP_RATE,
  PROP_SECONDS_LEFT,
  PROP_ERROR_MESSAGE,
  PROP_DOCUMENT_ID,
  PROP_CHARACTER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TroupeUpload, troupe_upload, G_TYPE_OBJECT)

static void
troupe_upload_finalize (GObject *object)
{
  TroupeUpload *self = TROUPE_UPLOAD (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_free (self->display_name);
  g_free (self->error_message);
  g_free (self->document_id);
  g_free (self->character_id);
  G_OBJECT_CLASS (troupe_upload_parent_class)->finalize (object);
}

static void
troupe_upload_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TroupeUpload *self = TROUPE_UPLOAD (object);

  switch (prop_id)
    {
    case PROP_FILE: g_value_set_object (value, self->file); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_BYTES_SENT: g_value_set_int64 (value, self->bytes_sent); break;
    case PROP_BYTES_TOTAL: g_value_set_int64 (value, self->bytes_total); break;
    case PROP_RATE: g_value_set_double (value, self->rate); break;
    case PROP_SECONDS_LEFT: g_value_set_double (value, self->seconds_left); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, self->error_message); break;
    case PROP_DOCUMENT_ID: g_value_set_string (value, self->document_id); break;
    case PROP_CHARACTER_ID: g_value_set_string (value, self->character_id); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_upload_class_init (TroupeUploadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = troupe_upload_finalize;
  object_class->get_property = troupe_upload_get_property;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, ro);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, TROUPE_UPLOAD_QUEUED,
                                             TROUPE_UPLOAD_INTERRUPTED, TROUPE_UPLOAD_QUEUED, ro);
  properties[PROP_BYTES_SENT] = g_param_spec_int64 ("bytes-sent", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_BYTES_TOTAL] = g_param_spec_int64 ("bytes-total", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_SECONDS_LEFT] = g_param_spec_double ("seconds-left", NULL, NULL, -1, G_MAXDOUBLE, -1, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_DOCUMENT_ID] = g_param_spec_string ("document-id", NULL, NULL, NULL, ro);
  properties[PROP_CHARACTER_ID] = g_param_spec_string ("character-id", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
troupe_upload_init (TroupeUpload *self)
{
  self->seconds_left = -1;
}

TroupeUpload *
troupe_upload_new (GFile      *file,
                   const char *document_id,
                   gboolean    new_version,
                   const char *character_id)
{
  TroupeUpload *self = g_object_new (TROUPE_TYPE_UPLOAD, NULL);

  self->file = g_object_ref (file);
  self->display_name = g_file_get_basename (file);
  self->document_id = g_strdup (document_id);
  self->new_version = new_version;
  self->character_id = g_strdup (character_id);
  return self;
}

GFile *troupe_upload_get_file (TroupeUpload *self) { return self->file; }
const char *troupe_upload_get_display_name (TroupeUpload *self) { return self->display_name; }
TroupeUploadState troupe_upload_get_state (TroupeUpload *self) { return self->state; }
goffset troupe_upload_get_bytes_sent (TroupeUpload *self) { return self->bytes_sent; }
goffset troupe_upload_get_bytes_total (TroupeUpload *self) { return self->bytes_total; }
double troupe_upload_get_rate (TroupeUpload *self) { return self->rate; }
double troupe_upload_get_seconds_left (TroupeUpload *self) { return self->seconds_left; }
const char *troupe_upload_get_error_message (TroupeUpload *self) { return self->error_message; }
const char *troupe_upload_get_document_id (TroupeUpload *self) { return self->document_id; }
const char *troupe_upload_get_character_id (TroupeUpload *self) { return self->character_id; }
gboolean troupe_upload_is_new_version (TroupeUpload *self) { return self->new_version; }

gboolean
troupe_upload_is_finished (TroupeUpload *self)
{
  return self->state != TROUPE_UPLOAD_QUEUED && self->state != TROUPE_UPLOAD_SENDING;
}

/* Sets the state (and its message) and notifies; the queue listens to
 * notify::state to start the next one. */
static void
set_state (TroupeUpload      *self,
           TroupeUploadState  state,
           const char        *message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->error_message, message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* The end of a send, whatever it was: drops what only sending needs. */
static void
finish (TroupeUpload       *self,
        TroupeUploadState   state,
        const char         *message,
        ConvaiKnowledgeDoc *doc)
{
  TroupeUploadDoneFunc done = self->done;
  gpointer done_data = self->done_data;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  self->done = NULL;
  if (doc != NULL)
    {
      g_free (self->document_id);
      self->document_id = g_strdup (convai_knowledge_doc_get_id (doc));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_ID]);
    }
  set_state (self, state, message);
  if (doc != NULL && done != NULL)
    done (self, doc, done_data);
  g_object_unref (self); /* the send's reference */
}

void
troupe_upload_cancel (TroupeUpload *self)
{
  g_return_if_fail (TROUPE_IS_UPLOAD (self));

  if (self->state == TROUPE_UPLOAD_SENDING)
    g_cancellable_cancel (self->cancellable); /* the callbacks end as CANCELLED */
  else if (self->state == TROUPE_UPLOAD_QUEUED)
    set_state (self, TROUPE_UPLOAD_CANCELLED, _("Cancelled before it was sent."));
}

void
troupe_upload_reset (TroupeUpload *self)
{
  g_return_if_fail (troupe_upload_is_finished (self));

  g_object_freeze_notify (G_OBJECT (self));
  self->bytes_sent = 0;
  self->rate = 0;
  self->seconds_left = -1;
  self->rate_sample_us = 0;
  self->rate_sample_bytes = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_SENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
  set_state (self, TROUPE_UPLOAD_QUEUED, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

void
troupe_upload_set_interrupted (TroupeUpload *self)
{
  set_state (self, TROUPE_UPLOAD_INTERRUPTED,
             _("Troupe closed before this upload finished. Retry starts over: Convai can't resume an upload."));
}

static void
progress_cb (goffset  current,
             goffset  total,
             gpointer user_data)
{
  TroupeUpload *self = user_data;
  gint64 now = g_get_monotonic_time ();

  /* libconvai counts the whole request, the multipart framing too; the
   * row speaks of the file, so the request's progress is scaled to it. */
  if (self->size_before > 0 && total > 0)
    {
      current = (goffset) ((double) current / total * self->size_before);
      total = self->size_before;
    }
  self->bytes_sent = current;
  self->bytes_total = total;

  if (self->rate_sample_us == 0)
    {
      self->rate_sample_us = now;
      self->rate_sample_bytes = current;
    }
  else if (now - self->rate_sample_us >= RATE_INTERVAL_US)
    {
      double seconds = (now - self->rate_sample_us) / (double) G_USEC_PER_SEC;
      double rate = (current - self->rate_sample_bytes) / seconds;

      self->rate = self->rate == 0 ? rate : self->rate + RATE_WEIGHT * (rate - self->rate);
      self->seconds_left = self->rate > 0 ? (total - current) / self->rate : -1;
      self->rate_sample_us = now;
      self->rate_sample_bytes = current;
    }

  if (current < total && now - self->last_notify_us < NOTIFY_INTERVAL_US)
    return;
  self->last_notify_us = now;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_SENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
  g_object_thaw_notify (G_OBJECT (self));
}

#define INFO_ATTRS G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
                   G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_ACCESS_CAN_READ

/* The file types the Knowledge Bank takes (the sandbox's list). */
static gboolean
type_accepted (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && (g_ascii_strcasecmp (dot, ".txt") == 0 ||
                         g_ascii_strcasecmp (dot, ".md") == 0 ||
                         g_ascii_strcasecmp (dot, ".csv") == 0);
}

/* NULL if the file can be sent; otherwise why not, in words. */
static char *
refusal (TroupeUpload *self,
         GFileInfo    *info)
{
  goffset size = g_file_info_get_size (info);

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    return g_strdup (_("This is a folder. Choose the files inside it."));
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return g_strdup (_("This is not a regular file."));
  if (!type_accepted (self->display_name))
    return g_strdup (_("The Knowledge Bank takes .txt, .md and .csv files. Save it in one of those formats and upload that."));
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
      !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    return g_strdup (_("This file can't be read. Check its permissions."));
  if (size == 0)
    return g_strdup (_("This file is empty."));
  if (size > self->max_bytes)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *cap = g_format_size (self->max_bytes);
      return g_strdup_printf (_("This file is %s; the Knowledge Bank takes files up to %s. Split it and upload the parts."), have, cap);
    }
  return NULL;
}

static void after_info_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  TroupeUpload *self = user_data;
  g_autoptr(GError) error = NULL;
  ConvaiKnowledgeDoc *doc;

  if (self->new_version)
    doc = convai_client_update_document_finish (CONVAI_CLIENT (source), result, &error);
  else
    doc = convai_client_upload_document_finish (CONVAI_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish (self, TROUPE_UPLOAD_CANCELLED, _("Cancelled. Nothing was kept; Retry starts over."), NULL);
      return;
    }
  if (doc == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Upload failed: %s. Retry starts over."), error->message);
      finish (self, TROUPE_UPLOAD_FAILED, message, NULL);
      return;
    }
  /* The document is in; the file must still be what was sent. */
  g_object_set_data_full (G_OBJECT (self), "troupe-upload-doc", doc, g_object_unref);
  g_file_query_info_async (self->file, INFO_ATTRS, G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           NULL, after_info_cb, self);
}

static void
after_info_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TroupeUpload *self = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, NULL);
  g_autoptr(ConvaiKnowledgeDoc) doc = g_object_steal_data (G_OBJECT (self), "troupe-upload-doc");

  if (info == NULL)
    finish (self, TROUPE_UPLOAD_FAILED,
            _("The file was deleted while it was uploading. Delete the uploaded copy, or retry if the file is back."), NULL);
  else if (g_file_info_get_size (info) != self->size_before ||
           g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) != self->mtime_before)
    finish (self, TROUPE_UPLOAD_FAILED,
            _("The file changed while it was uploading. Retry to send the new contents."), NULL);
  else
    finish (self, TROUPE_UPLOAD_DONE, NULL, doc);
}

static void
before_info_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TroupeUpload *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);
  g_autofree char *why = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      finish (self, TROUPE_UPLOAD_CANCELLED, _("Cancelled before it was sent."), NULL);
      return;
    }
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        why = g_strdup (_("This file no longer exists."));
      else
        why = g_strdup_printf (_("This file can't be read: %s"), error->message);
    }
  else
    why = refusal (self, info);
  if (why != NULL)
    {
      finish (self, TROUPE_UPLOAD_REFUSED, why, NULL);
      return;
    }

  self->size_before = g_file_info_get_size (info);
  self->mtime_before = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  self->bytes_total = self->size_before;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_TOTAL]);

  if (self->new_version)
    convai_client_update_document_async (self->client, self->document_id, self->file,
                                         progress_cb, self, self->cancellable, sent_cb, self);
  else
    convai_client_upload_document_async (self->client, self->file, NULL,
                                         progress_cb, self, self->cancellable, sent_cb, self);
}

void
troupe_upload_start (TroupeUpload         *self,
                     ConvaiClient         *client,
                     goffset               max_bytes,
                     TroupeUploadDoneFunc  done,
                     gpointer              data)
{
  g_return_if_fail (self->state == TROUPE_UPLOAD_QUEUED);

  g_object_ref (self); /* dropped in finish () */
  self->client = g_object_ref (client);
  self->max_bytes = max_bytes;
  self->cancellable = g_cancellable_new ();
  self->done = done;
  self->done_data = data;
  self->last_notify_us = 0;
  set_state (self, TROUPE_UPLOAD_SENDING, NULL);
  g_file_query_info_async (self->file, INFO_ATTRS, G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           self->cancellable, before_info_cb, self);
}
