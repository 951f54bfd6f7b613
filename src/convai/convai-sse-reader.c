/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-sse-reader-private.h"

#include "convai-error.h"
#include "convai-error-private.h"

#define READ_SIZE (16 * 1024)
/* A non-streamed reply is read whole: it holds at most some seconds of
 * base64 audio. */
#define MAX_PLAIN_BODY (64 * 1024 * 1024)
/* A stream is read as it comes, but not without end: one event (a chat
 * reply's audio chunk is some seconds of speech in base64) and a whole
 * stream (a reply's words and minutes of speech) have a size no honest
 * server reaches. A server that streams on and on is stopped there. */
#define MAX_EVENT_BYTES  (16 * 1024 * 1024)
#define MAX_STREAM_BYTES (64 * 1024 * 1024)

/* The reader holds its owner while it works, so a caller may drop its
 * reference after starting. An owner disposed anyway (run_dispose) detaches
 * it (owner = NULL) and the pending callback frees it. */
struct _ConvaiSseReader
{
  GObject                  *owner;
  GObject                  *held;   /* the reference on owner while busy */
  ConvaiSseEventFunc        on_event;
  ConvaiSseReaderPlainFunc  on_plain;
  ConvaiSseReaderDoneFunc   on_done;
  ConvaiSseParser          *parser;
  ConvaiClient             *client;
  SoupMessage              *message;
  GCancellable             *cancellable;
  GInputStream             *stream;
  GByteArray               *plain;
  guint64                   streamed;   /* bytes of the event stream read */
  gboolean                  busy;
  char                      buffer[READ_SIZE];
};

static void
sse_event_cb (const char *event_type,
              const char *data,
              gsize       len,
              gpointer    user_data)
{
  ConvaiSseReader *self = user_data;

  if (self->owner != NULL)
    self->on_event (event_type, data, len, self->owner);
}

ConvaiSseReader *
convai_sse_reader_new (GObject                  *owner,
                       ConvaiSseEventFunc        on_event,
                       ConvaiSseReaderPlainFunc  on_plain,
                       ConvaiSseReaderDoneFunc   on_done)
{
  ConvaiSseReader *self = g_new0 (ConvaiSseReader, 1);

  self->owner = owner;
  self->on_event = on_event;
  self->on_plain = on_plain;
  self->on_done = on_done;
  self->parser = convai_sse_parser_new (sse_event_cb, self);
  return self;
}

static void
reader_destroy (ConvaiSseReader *self)
{
  convai_sse_parser_free (self->parser);
  g_clear_object (&self->client);
  g_clear_object (&self->message);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stream);
  if (self->plain != NULL)
    g_byte_array_unref (self->plain);
  g_free (self);
}

void
convai_sse_reader_free (ConvaiSseReader *self)
{
  if (self == NULL)
    return;
  self->owner = NULL;
  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  else
    reader_destroy (self);
}

/* Ends the work: tells the owner once and drops the reference taken at
 * the start; a reader its owner already let go of is freed here. */
static void
finish (ConvaiSseReader *self,
        GError          *error)
{
  GObject *owner = self->owner;
  GObject *held = g_steal_pointer (&self->held);

  self->busy = FALSE;
  g_clear_object (&self->stream);
  if (owner != NULL)
    self->on_done (error, owner);
  else
    reader_destroy (self);
  g_clear_error (&error);
  /* Last: it may be what keeps the owner, and so this reader, alive. */
  g_clear_object (&held);
}

static GError *
cut_error (ConvaiSseReader *self,
           GError          *error)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  mapped = convai_error_new_cut (error->message);
  g_error_free (error);
  return mapped;
}

static void read_more (ConvaiSseReader *self);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ConvaiSseReader *self = user_data;
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (self->owner == NULL)
    {
      g_clear_error (&error);
      finish (self, NULL);
      return;
    }
  if (n < 0)
    {
      finish (self, cut_error (self, error));
      return;
    }
  if (n == 0)
    {
      if (self->plain != NULL)
        self->on_plain (g_byte_array_free_to_bytes (g_steal_pointer (&self->plain)), self->owner);
      else if (!convai_sse_parser_finish (self->parser))
        {
          /* libsoup reports a chunked body cut between chunks as a normal
           * end: the unfinished event is how the cut shows. */
          finish (self, convai_error_new_cut (NULL));
          return;
        }
      finish (self, NULL);
      return;
    }
  if (self->plain != NULL)
    {
      if (self->plain->len + n > MAX_PLAIN_BODY)
        {
          finish (self, g_error_new_literal (CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                                             "The server’s reply is too large"));
          return;
        }
      g_byte_array_append (self->plain, (const guint8 *) self->buffer, n);
    }
  else
    {
      self->streamed += n;
      if (self->streamed > MAX_STREAM_BYTES)
        {
          finish (self, g_error_new (CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                                     "The server’s reply went on past %d MiB; the rest was not read",
                                     MAX_STREAM_BYTES / (1024 * 1024)));
          return;
        }
      convai_sse_parser_feed (self->parser, self->buffer, n);
      if (convai_sse_parser_get_pending_bytes (self->parser) > MAX_EVENT_BYTES)
        {
          finish (self, g_error_new (CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                                     "The server sent one event of more than %d MiB; the rest was not read",
                                     MAX_EVENT_BYTES / (1024 * 1024)));
          return;
        }
    }
  if (self->owner == NULL)
    finish (self, NULL);
  else
    read_more (self);
}

static void
read_more (ConvaiSseReader *self)
{
  g_input_stream_read_async (self->stream, self->buffer, sizeof self->buffer,
                             G_PRIORITY_DEFAULT, self->cancellable, read_cb, self);
}

static const char *
content_type (SoupMessage *message)
{
  return soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
}

static gboolean
is_event_stream (SoupMessage *message)
{
  const char *type = content_type (message);

  /* No type at all: trust that the server answered what was asked. */
  return type == NULL || g_ascii_strcasecmp (type, "text/event-stream") == 0;
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ConvaiSseReader *self = user_data;
  GError *error = NULL;

  self->stream = convai_client_open_finish (CONVAI_CLIENT (object), result, &error);
  if (self->stream == NULL || self->owner == NULL)
    {
      finish (self, error);
      return;
    }
  if (!is_event_stream (self->message) && self->on_plain == NULL)
    {
      finish (self, g_error_new (CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                                 "The server’s reply is not an event stream (it is %s)",
                                 content_type (self->message)));
      return;
    }
  if (!is_event_stream (self->message))
    self->plain = g_byte_array_new ();
  read_more (self);
}

void
convai_sse_reader_start (ConvaiSseReader *self,
                         ConvaiClient    *client,
                         SoupMessage     *message,
                         GCancellable    *cancellable)
{
  g_return_if_fail (!self->busy);
  self->busy = TRUE;
  self->streamed = 0;
  self->client = g_object_ref (client);
  self->message = g_object_ref (message);
  self->held = g_object_ref (self->owner);
  self->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  convai_client_open_async (client, message, self->cancellable, opened_cb, self);
}
