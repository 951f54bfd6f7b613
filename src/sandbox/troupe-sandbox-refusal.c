/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-refusal.h"

#include "troupe-sandbox-reply.h"

/* libsoup 3.2 reads the whole request body before it writes any answer,
 * even one an early handler set, and keeps the body in memory unless told
 * otherwise. A refusal therefore takes the connection from libsoup, writes
 * the answer itself, and drains what the client is still sending for a
 * moment (so that a client which reads only after sending sees the answer
 * rather than a reset), then closes. Draining keeps nothing. */
#define DRAIN_MAX_BYTES (16 * 1024 * 1024)
#define DRAIN_MAX_MS 2000

typedef struct
{
  GIOStream    *stream;
  GBytes       *answer;
  GCancellable *cancellable;
  guint         timeout_id;
  gsize         drained;
  guint8        buffer[16 * 1024];
} Refusal;

static void
refusal_free (Refusal *refusal)
{
  g_clear_handle_id (&refusal->timeout_id, g_source_remove);
  if (refusal->stream != NULL)
    g_io_stream_close (refusal->stream, NULL, NULL);
  g_clear_object (&refusal->stream);
  g_clear_object (&refusal->cancellable);
  g_bytes_unref (refusal->answer);
  g_free (refusal);
}

static gboolean
drain_timeout_cb (gpointer user_data)
{
  Refusal *refusal = user_data;

  refusal->timeout_id = 0;
  g_cancellable_cancel (refusal->cancellable);
  return G_SOURCE_REMOVE;
}

static void drain (Refusal *refusal);

static void
drained_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Refusal *refusal = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0)
    {
      refusal_free (refusal);
      return;
    }
  refusal->drained += (gsize) n;
  drain (refusal);
}

static void
drain (Refusal *refusal)
{
  if (refusal->drained >= DRAIN_MAX_BYTES)
    {
      refusal_free (refusal);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream),
                             refusal->buffer, sizeof refusal->buffer,
                             G_PRIORITY_DEFAULT, refusal->cancellable, drained_cb, refusal);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Refusal *refusal = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      refusal_free (refusal);
      return;
    }
  drain (refusal);
}

static void
append_header_cb (const char *name,
                  const char *value,
                  gpointer    user_data)
{
  g_string_append_printf (user_data, "%s: %s\r\n", name, value);
}

/* The answer libsoup would have written, closing. */
static GBytes *
serialize_answer (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  guint status = soup_server_message_get_status (msg);
  GString *text = g_string_new (NULL);

  soup_message_headers_replace (headers, "Connection", "close");
  soup_message_headers_set_content_length (headers, (goffset) g_bytes_get_size (body));
  g_string_append_printf (text, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_foreach (headers, append_header_cb, text);
  g_string_append (text, "\r\n");
  g_string_append_len (text, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body));
  return g_string_free_to_bytes (text);
}

void
troupe_sandbox_refuse (SoupServerMessage *msg,
                       guint              status,
                       const char        *key,
                       const char        *message)
{
  Refusal *refusal;

  troupe_sandbox_reply_message (msg, status, key, message);
  /* With no body to skip, libsoup answers and keeps the connection. */
  if (!troupe_sandbox_request_has_body (msg))
    return;
  g_debug ("%s %s -> %u, refused before the body", soup_server_message_get_method (msg),
           g_uri_get_path (soup_server_message_get_uri (msg)), status);
  refusal = g_new0 (Refusal, 1);
  refusal->answer = serialize_answer (msg);
  refusal->stream = soup_server_message_steal_connection (msg);
  if (refusal->stream == NULL)
    {
      refusal_free (refusal);
      return;
    }
  /* The whole refusal, writing included, is bounded in time. */
  refusal->cancellable = g_cancellable_new ();
  refusal->timeout_id = g_timeout_add (DRAIN_MAX_MS, drain_timeout_cb, refusal);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (refusal->stream),
                                   g_bytes_get_data (refusal->answer, NULL),
                                   g_bytes_get_size (refusal->answer),
                                   G_PRIORITY_DEFAULT, refusal->cancellable, written_cb, refusal);
}

gboolean
troupe_sandbox_request_has_body (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      return soup_message_headers_get_content_length (headers) > 0;
    case SOUP_ENCODING_NONE:
      return FALSE;
    default:
      return TRUE;
    }
}
