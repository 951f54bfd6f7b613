/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-multipart-stream.h"

#include <string.h>

/* libsoup (GIO's splice) asks for 8 KiB at a time. Reading the file in
 * pieces this large, as curl does, and handing them out from memory makes a
 * GiB 16,384 reads instead of 131,072, for one small buffer of RSS. */
#define READ_AHEAD_SIZE (64 * 1024)
/* Progress from a reading thread reaches the caller at most this often (a
 * display's frame). Told for every 64 KiB piece, a loopback upload woke the
 * caller's main loop thousands of times a second and cost the reading
 * thread a source and a wakeup per piece, for a bar that moves once a frame. */
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 60)

/* The body is a list of segments: framing text held in memory (small), and
 * files read from disk as the reader asks. Nothing is ever the size of a
 * file except the total. */
typedef struct
{
  GBytes           *bytes;   /* framing, or NULL for a file */
  GFile            *file;
  goffset           size;
  GFileInputStream *input;   /* opened on the first read */
} Segment;

struct _ConvaiMultipartStream
{
  GInputStream           parent_instance;
  char                  *boundary;
  GPtrArray             *segments;
  GString               *framing;  /* text not yet turned into a segment */
  gboolean               sealed;   /* the closing boundary is in */
  guint                  current;
  goffset                offset;   /* within the current segment */
  goffset                position;
  goffset                length;
  guint8                *ahead;        /* read from the current file, not yet handed out */
  gsize                  ahead_start;
  gsize                  ahead_end;
  GFileProgressCallback  progress;
  gpointer               progress_data;
  GMainContext          *progress_context;  /* where progress is told */
  GThread               *progress_thread;   /* ...and by which thread */
  GMutex                 progress_lock;     /* the three below, for a reading thread */
  goffset                progress_posted;
  GSource               *progress_source;   /* a delivery on its way, or NULL */
  gint64                 progress_next_us;  /* when the next one may run */
};

static void convai_multipart_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConvaiMultipartStream, convai_multipart_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE, convai_multipart_stream_seekable_init))

static void
segment_free (gpointer data)
{
  Segment *segment = data;

  g_clear_pointer (&segment->bytes, g_bytes_unref);
  g_clear_object (&segment->file);
  g_clear_object (&segment->input);
  g_free (segment);
}

static void
flush_framing (ConvaiMultipartStream *self)
{
  Segment *segment;

  if (self->framing->len == 0)
    return;
  segment = g_new0 (Segment, 1);
  segment->size = self->framing->len;
  segment->bytes = g_bytes_new (self->framing->str, self->framing->len);
  g_ptr_array_add (self->segments, segment);
  self->length += segment->size;
  g_string_truncate (self->framing, 0);
}

/* Closing boundary: from the first read (or length query) on, no parts may
 * be added. */
static void
seal (ConvaiMultipartStream *self)
{
  if (self->sealed)
    return;
  g_string_append_printf (self->framing, "--%s--\r\n", self->boundary);
  flush_framing (self);
  self->sealed = TRUE;
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ConvaiMultipartStream *self = user_data;
  goffset position;

  g_mutex_lock (&self->progress_lock);
  position = self->progress_posted;
  g_clear_pointer (&self->progress_source, g_source_unref);
  g_mutex_unlock (&self->progress_lock);
  self->progress (position, self->length, self->progress_data);
  return G_SOURCE_REMOVE;
}

static gboolean
progress_source_dispatch (GSource     *source,
                          GSourceFunc  callback,
                          gpointer     user_data)
{
  return callback (user_data);
}

/* A source that runs once at its ready time: a timeout's, to the µs. */
static GSourceFuncs progress_source_funcs = { NULL, NULL, progress_source_dispatch, NULL, NULL, NULL };

/* Progress is told on the context of the thread that asked for it, even
 * when another thread reads the body (a large upload is sent with blocking
 * I/O on a thread of its own). From there, one delivery is on its way at a
 * time, at most one per PROGRESS_INTERVAL_US, and it tells the position
 * reached when it runs; the last byte is told at once, so the caller hears
 * of it before the reply. */
static void
report_progress (ConvaiMultipartStream *self,
                 gssize                 n)
{
  gint64 now;

  self->position += n;
  if (self->progress == NULL || n <= 0)
    return;
  if (g_thread_self () == self->progress_thread)
    {
      self->progress (self->position, self->length, self->progress_data);
      return;
    }
  now = g_get_monotonic_time ();
  g_mutex_lock (&self->progress_lock);
  self->progress_posted = self->position;
  if (self->progress_source == NULL)
    {
      /* Not g_main_context_invoke(): a thread that can acquire the context
       * (the caller's thread idle between iterations) would run the
       * callback itself, on the wrong thread. */
      self->progress_source = g_source_new (&progress_source_funcs, sizeof (GSource));
      g_source_set_priority (self->progress_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->progress_source, deliver_progress_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->progress_source, "[convai] upload progress");
      self->progress_next_us = MAX (now, self->progress_next_us);
      g_source_set_ready_time (self->progress_source,
                               self->position == self->length ? 0 : self->progress_next_us);
      self->progress_next_us += PROGRESS_INTERVAL_US;
      g_source_attach (self->progress_source, self->progress_context);
    }
  else if (self->position == self->length)
    g_source_set_ready_time (self->progress_source, 0);
  g_mutex_unlock (&self->progress_lock);
}

/* Advances past @n bytes of the current segment. */
static void
consumed (ConvaiMultipartStream *self,
          gsize                  n)
{
  Segment *segment = g_ptr_array_index (self->segments, self->current);

  self->offset += n;
  if (self->offset == segment->size)
    {
      g_clear_object (&segment->input);
      self->ahead_start = self->ahead_end = 0;
      self->current++;
      self->offset = 0;
    }
  report_progress (self, n);
}

static gssize
copy_framing (ConvaiMultipartStream *self,
              Segment               *segment,
              void                  *buffer,
              gsize                  count)
{
  gsize available = segment->size - self->offset;
  gsize n = MIN (count, available);

  memcpy (buffer, (const char *) g_bytes_get_data (segment->bytes, NULL) + self->offset, n);
  consumed (self, n);
  return n;
}

static gboolean
ensure_open (Segment       *segment,
             GCancellable  *cancellable,
             GError       **error)
{
  if (segment->input == NULL)
    segment->input = g_file_read (segment->file, cancellable, error);
  return segment->input != NULL;
}

static gboolean
check_file_read (Segment  *segment,
                 gssize    n,
                 GError  **error)
{
  if (n == 0)
    {
      g_autofree char *name = g_file_get_parse_name (segment->file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                   "%s became shorter while it was being uploaded", name);
      return FALSE;
    }
  return n > 0;
}

/* Hands out the read-ahead buffer, refilling it when empty; a caller that
 * asks for a whole buffer's worth or more gets the file's bytes directly. */
static gssize
read_file_sync (ConvaiMultipartStream *self,
                Segment               *segment,
                void                  *buffer,
                gsize                  count,
                GCancellable          *cancellable,
                GError               **error)
{
  goffset left = segment->size - self->offset;
  gssize n;

  if (self->ahead_start == self->ahead_end)
    {
      gboolean direct = count >= READ_AHEAD_SIZE;

      if (!direct && self->ahead == NULL)
        self->ahead = g_malloc (READ_AHEAD_SIZE);
      n = g_input_stream_read (G_INPUT_STREAM (segment->input), direct ? buffer : self->ahead,
                               MIN ((goffset) (direct ? count : READ_AHEAD_SIZE), left),
                               cancellable, error);
      if (!check_file_read (segment, n, error))
        return -1;
      if (direct)
        {
          consumed (self, n);
          return n;
        }
      self->ahead_start = 0;
      self->ahead_end = n;
    }
  n = MIN (count, self->ahead_end - self->ahead_start);
  memcpy (buffer, self->ahead + self->ahead_start, n);
  self->ahead_start += n;
  consumed (self, n);
  return n;
}

static gssize
read_segment_sync (ConvaiMultipartStream *self,
                   void                  *buffer,
                   gsize                  count,
                   GCancellable          *cancellable,
                   GError               **error)
{
  Segment *segment;

  if (self->current >= self->segments->len)
    return 0;
  segment = g_ptr_array_index (self->segments, self->current);
  if (segment->bytes != NULL)
    return copy_framing (self, segment, buffer, count);
  if (!ensure_open (segment, cancellable, error))
    return -1;
  return read_file_sync (self, segment, buffer, count, cancellable, error);
}

static gssize
convai_multipart_stream_read (GInputStream  *stream,
                              void          *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error)
{
  ConvaiMultipartStream *self = CONVAI_MULTIPART_STREAM (stream);

  seal (self);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (count == 0)
    return 0;
  return read_segment_sync (self, buffer, count, cancellable, error);
}

static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ConvaiMultipartStream *self = g_task_get_source_object (task);
  Segment *segment = g_ptr_array_index (self->segments, self->current);
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (!check_file_read (segment, n, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  consumed (self, n);
  g_task_return_int (task, n);
}

/* Native files are read right here: a read of a few KiB from a local file
 * costs less than the thread hop an async read would take, and an upload is
 * some hundred thousand of them. Other files (gvfs) go through the async API. */
static void
convai_multipart_stream_read_async (GInputStream        *stream,
                                    void                *buffer,
                                    gsize                count,
                                    int                  io_priority,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  ConvaiMultipartStream *self = CONVAI_MULTIPART_STREAM (stream);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  Segment *segment;
  gssize n;

  g_task_set_source_tag (task, convai_multipart_stream_read_async);
  seal (self);
  if (g_task_return_error_if_cancelled (task))
    return;
  segment = self->current < self->segments->len ? g_ptr_array_index (self->segments, self->current) : NULL;
  if (segment != NULL && segment->file != NULL && count > 0 && !g_file_is_native (segment->file))
    {
      if (!ensure_open (segment, cancellable, &error))
        g_task_return_error (task, error);
      else
        g_input_stream_read_async (G_INPUT_STREAM (segment->input), buffer,
                                   MIN ((goffset) count, segment->size - self->offset),
                                   io_priority, cancellable, file_read_cb, g_steal_pointer (&task));
      return;
    }
  n = count == 0 ? 0 : read_segment_sync (self, buffer, count, cancellable, &error);
  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static gssize
convai_multipart_stream_read_finish (GInputStream  *stream,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static gboolean
convai_multipart_stream_close (GInputStream  *stream,
                               GCancellable  *cancellable,
                               GError       **error)
{
  ConvaiMultipartStream *self = CONVAI_MULTIPART_STREAM (stream);

  for (guint i = 0; i < self->segments->len; i++)
    g_clear_object (&((Segment *) g_ptr_array_index (self->segments, i))->input);
  self->ahead_start = self->ahead_end = 0;
  return TRUE;
}

static void
convai_multipart_stream_finalize (GObject *object)
{
  ConvaiMultipartStream *self = CONVAI_MULTIPART_STREAM (object);

  g_free (self->boundary);
  g_free (self->ahead);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  /* Only there if its context went without running it. */
  g_clear_pointer (&self->progress_source, g_source_unref);
  g_mutex_clear (&self->progress_lock);
  g_ptr_array_unref (self->segments);
  g_string_free (self->framing, TRUE);
  G_OBJECT_CLASS (convai_multipart_stream_parent_class)->finalize (object);
}

static void
convai_multipart_stream_class_init (ConvaiMultipartStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = convai_multipart_stream_finalize;
  stream_class->read_fn = convai_multipart_stream_read;
  stream_class->read_async = convai_multipart_stream_read_async;
  stream_class->read_finish = convai_multipart_stream_read_finish;
  stream_class->close_fn = convai_multipart_stream_close;
}

static void
convai_multipart_stream_init (ConvaiMultipartStream *self)
{
  self->segments = g_ptr_array_new_with_free_func (segment_free);
  self->framing = g_string_new (NULL);
  g_mutex_init (&self->progress_lock);
}

/* Seeking is only rewinding, so a message that libsoup restarts (a stale
 * keep-alive connection) can send its body again. */
static goffset
convai_multipart_stream_tell (GSeekable *seekable)
{
  return CONVAI_MULTIPART_STREAM (seekable)->position;
}

static gboolean
convai_multipart_stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
convai_multipart_stream_seek (GSeekable     *seekable,
                              goffset        offset,
                              GSeekType      type,
                              GCancellable  *cancellable,
                              GError       **error)
{
  ConvaiMultipartStream *self = CONVAI_MULTIPART_STREAM (seekable);

  if (type == G_SEEK_CUR && offset == 0)
    return TRUE;
  if (type != G_SEEK_SET || offset != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "A multipart body can only be rewound");
      return FALSE;
    }
  convai_multipart_stream_close (G_INPUT_STREAM (self), NULL, NULL);
  self->current = 0;
  self->offset = 0;
  self->position = 0;
  return TRUE;
}

static gboolean
convai_multipart_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
convai_multipart_stream_truncate (GSeekable     *seekable,
                                  goffset        offset,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "A multipart body cannot be truncated");
  return FALSE;
}

static void
convai_multipart_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = convai_multipart_stream_tell;
  iface->can_seek = convai_multipart_stream_can_seek;
  iface->seek = convai_multipart_stream_seek;
  iface->can_truncate = convai_multipart_stream_can_truncate;
  iface->truncate_fn = convai_multipart_stream_truncate;
}

ConvaiMultipartStream *
convai_multipart_stream_new (const char *boundary)
{
  ConvaiMultipartStream *self = g_object_new (CONVAI_TYPE_MULTIPART_STREAM, NULL);

  if (boundary != NULL)
    self->boundary = g_strdup (boundary);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();
      self->boundary = g_strconcat ("troupe-", uuid, NULL);
    }
  return self;
}

/* HTML's form encoding: quotes and line breaks in names are escaped. */
static void
append_quoted (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append (out, "%22");
      else if (*p == '\r')
        g_string_append (out, "%0D");
      else if (*p == '\n')
        g_string_append (out, "%0A");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
begin_part (ConvaiMultipartStream *self,
            const char            *name,
            const char            *file_name)
{
  g_string_append_printf (self->framing, "--%s\r\nContent-Disposition: form-data; name=", self->boundary);
  append_quoted (self->framing, name);
  if (file_name != NULL)
    {
      g_string_append (self->framing, "; filename=");
      append_quoted (self->framing, file_name);
    }
  g_string_append (self->framing, "\r\n");
}

void
convai_multipart_stream_add_field (ConvaiMultipartStream *self,
                                   const char            *name,
                                   const char            *value)
{
  g_return_if_fail (CONVAI_IS_MULTIPART_STREAM (self));
  g_return_if_fail (name != NULL && value != NULL);
  g_return_if_fail (!self->sealed);

  begin_part (self, name, NULL);
  g_string_append_printf (self->framing, "\r\n%s\r\n", value);
}

gboolean
convai_multipart_stream_add_file (ConvaiMultipartStream *self,
                                  const char            *name,
                                  const char            *file_name,
                                  const char            *content_type,
                                  GFile                 *file,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  g_autoptr(GFileInfo) info = NULL;
  Segment *segment;

  g_return_val_if_fail (CONVAI_IS_MULTIPART_STREAM (self), FALSE);
  g_return_val_if_fail (name != NULL && file_name != NULL && G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!self->sealed, FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *parse_name = g_file_get_parse_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "%s is not a regular file", parse_name);
      return FALSE;
    }
  begin_part (self, name, file_name);
  g_string_append_printf (self->framing, "Content-Type: %s\r\n\r\n",
                          content_type ? content_type : "application/octet-stream");
  flush_framing (self);
  segment = g_new0 (Segment, 1);
  segment->file = g_object_ref (file);
  segment->size = g_file_info_get_size (info);
  if (segment->size > 0)
    {
      g_ptr_array_add (self->segments, segment);
      self->length += segment->size;
    }
  else
    segment_free (segment);
  g_string_append (self->framing, "\r\n");
  return TRUE;
}

void
convai_multipart_stream_set_progress_callback (ConvaiMultipartStream *self,
                                               GFileProgressCallback  progress,
                                               gpointer               progress_data)
{
  g_return_if_fail (CONVAI_IS_MULTIPART_STREAM (self));
  self->progress = progress;
  self->progress_data = progress_data;
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();
  self->progress_thread = g_thread_self ();
}

const char *
convai_multipart_stream_get_boundary (ConvaiMultipartStream *self)
{
  g_return_val_if_fail (CONVAI_IS_MULTIPART_STREAM (self), NULL);
  return self->boundary;
}

char *
convai_multipart_stream_dup_content_type (ConvaiMultipartStream *self)
{
  g_return_val_if_fail (CONVAI_IS_MULTIPART_STREAM (self), NULL);
  return g_strdup_printf ("multipart/form-data; boundary=%s", self->boundary);
}

goffset
convai_multipart_stream_get_length (ConvaiMultipartStream *self)
{
  g_return_val_if_fail (CONVAI_IS_MULTIPART_STREAM (self), 0);
  seal (self);
  return self->length;
}

goffset
convai_multipart_stream_get_position (ConvaiMultipartStream *self)
{
  g_return_val_if_fail (CONVAI_IS_MULTIPART_STREAM (self), 0);
  return self->position;
}
