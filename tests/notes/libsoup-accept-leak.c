/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Not built: the evidence for the g_socket_accept suppression in
 * build-aux/lsan.supp (issue 10, item 8). A SoupServer and nothing else
 * serves N requests, each on a connection its client closes after the
 * answer, then shuts down cleanly.
 *
 *   gcc -g -o libsoup-accept-leak tests/notes/libsoup-accept-leak.c \
 *       $(pkg-config --cflags --libs libsoup-3.0)
 *   valgrind --leak-check=full ./libsoup-accept-leak 20        # libsoup's listener
 *   valgrind --leak-check=full ./libsoup-accept-leak 20 own    # GIO accepts, libsoup gets streams
 *
 * With libsoup 3.2.3 and GLib 2.74.6 (Debian 12), libsoup's own listener
 * (soup_server_listen_local) loses one GSocket and what it holds, 344 bytes,
 * per connection, allocated in g_socket_accept: 5 connections 1,720 bytes in
 * 5 blocks, 20 connections 6,880 bytes in 20 blocks (plus one 144-byte block
 * from soup_server_listen_local itself). Handing the same connections to
 * soup_server_accept_iostream() loses nothing: 0 bytes for 5 and for 20.
 * So the loss is libsoup's, in its listener; troupe-sandbox now accepts for
 * itself (troupe-sandbox-listener.c) and loses nothing (valgrind: 0 bytes
 * definitely lost after 5 requests; 1,720 bytes in 5 blocks before). */
#include <libsoup/soup.h>
#include <gio/gio.h>
#include <string.h>

static void
handler (SoupServer *server, SoupServerMessage *msg, const char *path,
         GHashTable *query, gpointer data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

typedef struct { guint16 port; int n; gboolean done; } Client;

static gpointer
client_thread (gpointer data)
{
  Client *c = data;
  for (int i = 0; i < c->n; i++)
    {
      GSocketClient *sc = g_socket_client_new ();
      GSocketConnection *conn = g_socket_client_connect_to_host (sc, "127.0.0.1", c->port, NULL, NULL);
      const char *req = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
      char buf[512];
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), req, strlen (req), NULL, NULL, NULL);
      g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)), buf, sizeof buf, NULL, NULL);
      g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);   /* keep-alive connection closed by the client */
      g_object_unref (conn);
      g_object_unref (sc);
    }
  g_usleep (200000);
  g_atomic_int_set (&c->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static gboolean
incoming_cb (GSocketService *service, GSocketConnection *connection,
             GObject *source, gpointer data)
{
  GSocketAddress *local = g_socket_connection_get_local_address (connection, NULL);
  GSocketAddress *remote = g_socket_connection_get_remote_address (connection, NULL);

  soup_server_accept_iostream (data, G_IO_STREAM (connection), local, remote, NULL);
  g_object_unref (local);
  g_object_unref (remote);
  return TRUE;
}

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 10;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;
  Client c = { 0, n, FALSE };
  GThread *thread;

  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  GSocketService *service = NULL;
  if (argc > 2 && strcmp (argv[2], "own") == 0)
    {
      /* The connections accepted by GIO, handed to libsoup as streams. */
      service = g_socket_service_new ();
      c.port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, NULL);
      g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), server);
    }
  else
    {
      soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL);
      uris = soup_server_get_uris (server);
      c.port = g_uri_get_port (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }
  thread = g_thread_new ("client", client_thread, &c);
  while (!g_atomic_int_get (&c.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  if (service != NULL)
    {
      g_socket_service_stop (service);
      g_socket_listener_close (G_SOCKET_LISTENER (service));
      g_object_unref (service);
    }
  soup_server_disconnect (server);
  g_object_unref (server);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  return 0;
}
