/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From a chunk written by the server to the client's "text-delta": a tiny
 * SoupServer in its own thread writes 10,000 events, each carrying the
 * monotonic time at which it was written, one per millisecond; the client
 * (ConvaiChatStream on this thread's main loop) measures when each delta
 * arrives. Target: p99 <= 2 ms. */
#include <convai.h>
#include <libsoup/soup.h>

#include <stdlib.h>

#define N_CHUNKS      10000
#define TARGET_P99_US 2000

typedef struct
{
  GMainContext      *context;
  GMainLoop         *loop;
  SoupServer        *server;
  SoupServerMessage *msg;
  guint              written;
  guint16            port;
  GMutex             lock;
  GCond              ready;
} Server;

static gboolean
write_chunk_cb (gpointer user_data)
{
  Server *server = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (server->msg);
  char *event;

  if (server->written == N_CHUNKS)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "data: {\"tag\": \"end\"}\n\n", 22);
      soup_message_body_complete (body);
      soup_server_message_unpause (server->msg);
      g_clear_object (&server->msg);
      return G_SOURCE_REMOVE;
    }
  event = g_strdup_printf ("data: {\"text\": \"%" G_GINT64_FORMAT " \"}\n\n", g_get_monotonic_time ());
  soup_message_body_append (body, SOUP_MEMORY_TAKE, event, strlen (event));
  soup_server_message_unpause (server->msg);
  server->written++;
  return G_SOURCE_CONTINUE;
}

static void
handle_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GSource) timer = g_timeout_source_new (1);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            "data: {\"sessionID\": \"bench\"}\n\n", 30);
  server->msg = g_object_ref (msg);
  g_source_set_callback (timer, write_chunk_cb, server, NULL);
  g_source_attach (timer, server->context);
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);
  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, NULL, handle_cb, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->server);
  g_mutex_lock (&server->lock);
  server->port = g_uri_get_port (uris->data);
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (server->loop);
  g_clear_object (&server->server);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

typedef struct
{
  GArray   *latencies;
  gboolean  finished;
  GError   *error;
} Client;

static void
text_delta_cb (ConvaiChatStream *stream,
               const char       *delta,
               Client           *client)
{
  gint64 now = g_get_monotonic_time ();
  gint64 sent = g_ascii_strtoll (delta, NULL, 10);

  g_array_append_val (client->latencies, (gint64) { now - sent });
}

static void
finished_cb (ConvaiChatStream *stream,
             const GError     *error,
             Client           *client)
{
  client->finished = TRUE;
  client->error = error ? g_error_copy (error) : NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  Server server = { 0 };
  Client client = { g_array_new (FALSE, FALSE, sizeof (gint64)), FALSE, NULL };
  g_autoptr(ConvaiClient) convai = NULL;
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text ("bench", NULL, "go");
  g_autoptr(ConvaiChatStream) stream = NULL;
  g_autofree char *url = NULL;
  GThread *thread;
  gint64 p50, p99, max;
  guint n;

  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  g_mutex_init (&server.lock);
  g_cond_init (&server.ready);
  g_mutex_lock (&server.lock);
  thread = g_thread_new ("sse-server", server_thread, &server);
  while (server.port == 0)
    g_cond_wait (&server.ready, &server.lock);
  g_mutex_unlock (&server.lock);

  url = g_strdup_printf ("http://127.0.0.1:%u", server.port);
  convai = convai_client_new (url, "bench-key");
  stream = convai_client_stream_response (convai, request, NULL);
  g_signal_connect (stream, "text-delta", G_CALLBACK (text_delta_cb), &client);
  g_signal_connect (stream, "finished", G_CALLBACK (finished_cb), &client);
  convai_chat_stream_start (stream);
  while (!client.finished)
    g_main_context_iteration (NULL, TRUE);

  g_main_loop_quit (server.loop);
  g_thread_join (thread);
  if (client.error != NULL)
    {
      g_printerr ("stream-latency: the stream failed: %s\n", client.error->message);
      return 1;
    }
  n = client.latencies->len;
  g_array_sort (client.latencies, compare_gint64);
  p50 = g_array_index (client.latencies, gint64, n / 2);
  p99 = g_array_index (client.latencies, gint64, (n * 99) / 100);
  max = g_array_index (client.latencies, gint64, n - 1);
  g_print ("stream-latency: %u chunks, p50 %.3f ms, p99 %.3f ms, max %.3f ms (target p99 <= %.1f ms)\n",
           n, p50 / 1000.0, p99 / 1000.0, max / 1000.0, TARGET_P99_US / 1000.0);
  return n == N_CHUNKS && p99 <= TARGET_P99_US ? 0 : 1;
}
