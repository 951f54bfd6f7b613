/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <convai.h>

#include <glib/gstdio.h>
#include <string.h>

#include "troupe-test-wait.h"

typedef struct
{
  GFile  *file;
  GBytes *content;
} Fixture;

/* A file of a few reads' worth of bytes, none of them boundary-like. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gsize size = GPOINTER_TO_SIZE (data);
  guchar *content = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "upload.bin", NULL);

  for (gsize i = 0; i < size; i++)
    content[i] = (guchar) ((i * 7 + i / 251) & 0xff);
  fixture->content = g_bytes_new_take (content, size);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_file_set_contents (path, (const char *) content, size, &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_for_path (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_file_delete (fixture->file, NULL, NULL);
  g_clear_object (&fixture->file);
  g_clear_pointer (&fixture->content, g_bytes_unref);
}

static GBytes *
expected_body (Fixture *fixture)
{
  GByteArray *body = g_byte_array_new ();
  const char *head =
    "--B0\r\nContent-Disposition: form-data; name=\"file_name\"\r\n\r\nnotes \"v2\".txt\r\n"
    "--B0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes %22v2%22.txt\"\r\n"
    "Content-Type: text/plain\r\n\r\n";
  const char *tail = "\r\n--B0--\r\n";
  gsize len = 0;
  const guint8 *content = g_bytes_get_data (fixture->content, &len);

  g_byte_array_append (body, (const guint8 *) head, strlen (head));
  g_byte_array_append (body, content, len);
  g_byte_array_append (body, (const guint8 *) tail, strlen (tail));
  return g_byte_array_free_to_bytes (body);
}

/* Reads to the end: one read never spans two segments. */
static GBytes *
read_all (GInputStream *stream)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static ConvaiMultipartStream *
new_body (Fixture *fixture)
{
  g_autoptr(ConvaiMultipartStream) stream = convai_multipart_stream_new ("B0");
  g_autoptr(GError) error = NULL;

  convai_multipart_stream_add_field (stream, "file_name", "notes \"v2\".txt");
  convai_multipart_stream_add_file (stream, "file", "notes \"v2\".txt", "text/plain",
                                    fixture->file, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&stream);
}

typedef struct
{
  goffset last;
  goffset total;
  guint   calls;
} Progress;

static void
progress_cb (goffset  current,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpint (current, >, progress->last);
  g_assert_cmpint (current, <=, total);
  progress->last = current;
  progress->total = total;
  progress->calls++;
}

static void
test_framing_sync (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ConvaiMultipartStream) stream = new_body (fixture);
  g_autoptr(GBytes) expected = expected_body (fixture);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) produced = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = convai_multipart_stream_dup_content_type (stream);
  Progress progress = { 0, 0, 0 };
  gssize n;

  convai_multipart_stream_set_progress_callback (stream, progress_cb, &progress);
  g_assert_cmpstr (content_type, ==, "multipart/form-data; boundary=B0");
  g_assert_cmpint (convai_multipart_stream_get_length (stream), ==, g_bytes_get_size (expected));
  n = g_output_stream_splice (out, G_INPUT_STREAM (stream), G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, &error);
  g_assert_no_error (error);
  produced = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpint (n, ==, g_bytes_get_size (expected));
  g_assert_true (g_bytes_equal (produced, expected));
  g_assert_cmpint (progress.last, ==, g_bytes_get_size (expected));
  g_assert_cmpint (progress.total, ==, g_bytes_get_size (expected));
  g_assert_cmpuint (progress.calls, >=, 3);
}

static void
test_framing_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ConvaiMultipartStream) stream = new_body (fixture);
  g_autoptr(GBytes) expected = expected_body (fixture);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) produced = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  Progress progress = { 0, 0, 0 };

  convai_multipart_stream_set_progress_callback (stream, progress_cb, &progress);
  g_output_stream_splice_async (out, G_INPUT_STREAM (stream), G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, troupe_test_result_cb, &slot);
  result = troupe_test_wait_for_result (&slot, "the splice");
  g_assert_cmpint (g_output_stream_splice_finish (out, result, &error), ==, g_bytes_get_size (expected));
  g_assert_no_error (error);
  produced = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_bytes_equal (produced, expected));
  g_assert_cmpint (progress.last, ==, g_bytes_get_size (expected));
}

static gpointer
read_slowly_thread (gpointer data)
{
  GInputStream *stream = data;
  g_autofree char *buffer = g_malloc (1024);
  g_autoptr(GError) error = NULL;
  gssize n;

  /* 1 KiB steps with a pause: several hundred, over about half a second. */
  while ((n = g_input_stream_read (stream, buffer, 1024, NULL, &error)) > 0)
    g_usleep (1000);
  g_assert_no_error (error);
  return NULL;
}

static gboolean
all_told (gpointer data)
{
  Progress *progress = data;

  return progress->total > 0 && progress->last == progress->total;
}

/* A body read on another thread (a large upload is) tells its progress on
 * the caller's main loop at most once a frame, not once a read, and always
 * tells the last byte. */
static void
test_progress_from_thread (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ConvaiMultipartStream) stream = new_body (fixture);
  Progress progress = { 0, 0, 0 };
  GThread *thread;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  convai_multipart_stream_set_progress_callback (stream, progress_cb, &progress);
  thread = g_thread_new ("reader", read_slowly_thread, stream);
  troupe_test_wait_until (all_told, &progress, "the last byte told");
  g_thread_join (thread);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("%u progress calls in %.2f s for %" G_GOFFSET_FORMAT " bytes",
                  progress.calls, seconds, progress.total);
  g_assert_cmpint (progress.last, ==, convai_multipart_stream_get_length (stream));
  g_assert_cmpuint (progress.calls, >=, 2);
  /* 60 a second, one more for the last byte, one for rounding. */
  g_assert_cmpuint (progress.calls, <=, seconds * 60 + 2);
  g_assert_cmpuint (progress.calls, <, progress.total / 1024 / 4);
}

/* libsoup rewinds a body to resend it on a fresh connection. */
static void
test_rewind (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ConvaiMultipartStream) stream = new_body (fixture);
  g_autoptr(GBytes) expected = expected_body (fixture);
  g_autoptr(GError) error = NULL;
  char buffer[100];
  g_autoptr(GBytes) again = NULL;

  g_assert_cmpint (g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, &error), >, 0);
  g_assert_true (g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_seekable_seek (G_SEEKABLE (stream), 10, G_SEEK_SET, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  again = read_all (G_INPUT_STREAM (stream));
  g_assert_true (g_bytes_equal (again, expected));
}

static void
test_cancellation (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ConvaiMultipartStream) stream = new_body (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  char buffer[16];

  g_assert_cmpint (g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, cancellable, &error), ==, 16);
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, cancellable, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (convai_multipart_stream_get_position (stream), ==, 16);

  g_output_stream_splice_async (out, G_INPUT_STREAM (stream), 0, G_PRIORITY_DEFAULT,
                                cancellable, troupe_test_result_cb, &slot);
  result = troupe_test_wait_for_result (&slot, "the cancelled splice");
  g_assert_cmpint (g_output_stream_splice_finish (out, result, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A file that shrinks under us must not pass for a complete upload. */
static void
test_file_shrinks (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ConvaiMultipartStream) stream = new_body (fixture);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (fixture->file);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "short", 5, NULL));
  g_assert_cmpint (g_output_stream_splice (out, G_INPUT_STREAM (stream), 0, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
}

static void
test_empty_file_and_errors (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ConvaiMultipartStream) stream = convai_multipart_stream_new ("B1");
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/troupe/file.txt");
  g_autoptr(GFile) dir = g_file_new_for_path (g_get_user_data_dir ());
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autoptr(GBytes) body = NULL;
  const char *expected =
    "--B1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"e\"\r\n"
    "Content-Type: application/octet-stream\r\n\r\n\r\n--B1--\r\n";

  g_assert_false (convai_multipart_stream_add_file (stream, "file", "x", NULL, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (convai_multipart_stream_add_file (stream, "file", "x", NULL, dir, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_true (convai_multipart_stream_add_file (stream, "file", "e", NULL, fixture->file, NULL, &error));
  g_assert_cmpint (convai_multipart_stream_get_length (stream), ==, strlen (expected));
  body = read_all (G_INPUT_STREAM (stream));
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), expected, strlen (expected));
}

int
main (int   argc,
      char *argv[])
{
  gpointer small = GSIZE_TO_POINTER (1000);
  gpointer several_reads = GSIZE_TO_POINTER (200 * 1024 + 17);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, size, func) \
  g_test_add (path, Fixture, size, fixture_set_up, func, fixture_tear_down)
  ADD ("/troupe/multipart-stream/framing-sync/small", small, test_framing_sync);
  ADD ("/troupe/multipart-stream/framing-sync/several-reads", several_reads, test_framing_sync);
  ADD ("/troupe/multipart-stream/framing-async", several_reads, test_framing_async);
  ADD ("/troupe/multipart-stream/progress-from-thread", several_reads, test_progress_from_thread);
  ADD ("/troupe/multipart-stream/rewind", small, test_rewind);
  ADD ("/troupe/multipart-stream/cancellation", several_reads, test_cancellation);
  ADD ("/troupe/multipart-stream/file-shrinks", several_reads, test_file_shrinks);
  ADD ("/troupe/multipart-stream/empty-file-and-errors", small, test_empty_file_and_errors);
#undef ADD
  return g_test_run ();
}
