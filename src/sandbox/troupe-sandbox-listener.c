/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-listener.h"

#include <sys/resource.h>

/* libsoup's own listener stops accepting for good at the first failed
 * accept (EMFILE at the descriptor limit), and keeps idle connections
 * forever: so the sandbox accepts for itself. */

#define SOCKET_KEY "troupe-sandbox-socket"

/* Descriptors kept for the database, stored files, GStreamer and pipes. */
#define RESERVED_FDS 32
/* How soon to try again when full or out of descriptors. */
#define RETRY_MS 100

struct _TroupeSandboxListener
{
  SoupServer *soup;
  GSocket    *socket;
  GSource    *accept_source;
  guint       retry_id;
  GPtrArray  *clients;          /* GSocket: open until libsoup closes them */
  guint       max_connections;
  guint       idle_timeout_s;
};

static void start_accepting (TroupeSandboxListener *self);

static guint
count_open (TroupeSandboxListener *self)
{
  for (guint i = self->clients->len; i > 0; i--)
    if (g_socket_is_closed (g_ptr_array_index (self->clients, i - 1)))
      g_ptr_array_remove_index_fast (self->clients, i - 1);
  return self->clients->len;
}

static gboolean
retry_cb (gpointer user_data)
{
  TroupeSandboxListener *self = user_data;

  self->retry_id = 0;
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

/* Connections wait in the listen queue meanwhile; closing idle ones, or
 * their clients leaving, makes room. */
static void
pause_accepting (TroupeSandboxListener *self)
{
  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
  if (self->retry_id == 0)
    self->retry_id = g_timeout_add (RETRY_MS, retry_cb, self);
}

static void
serve (TroupeSandboxListener *self,
       GSocket               *client)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (client, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (client, NULL);
  g_autoptr(GError) error = NULL;

  /* Any wait on the socket longer than this fails, and libsoup closes the
   * connection: an idle keep-alive, a stalled request or a stalled reader. */
  g_socket_set_timeout (client, self->idle_timeout_s);
  connection = g_socket_connection_factory_create_connection (client);
  /* Listed first: libsoup starts reading the first request at once. */
  g_ptr_array_add (self->clients, g_object_ref (client));
  if (!soup_server_accept_iostream (self->soup, G_IO_STREAM (connection), local, remote, &error))
    {
      g_debug ("dropping a connection: %s", error->message);
      g_socket_close (client, NULL);
    }
}

static gboolean
same_address (GSocketAddress *a,
              GSocketAddress *b)
{
  g_autofree char *a_host = NULL;
  g_autofree char *b_host = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (a) || !G_IS_INET_SOCKET_ADDRESS (b) ||
      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (a)) !=
      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (b)))
    return FALSE;
  a_host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (a)));
  b_host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (b)));
  return g_str_equal (a_host, b_host);
}

/* libsoup knows no socket for a connection it was handed as a stream:
 * each message is told its socket here, found by the peer's address. */
static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  TroupeSandboxListener *self = user_data;
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  for (guint i = 0; remote != NULL && i < self->clients->len; i++)
    {
      GSocket *client = g_ptr_array_index (self->clients, i);
      g_autoptr(GSocketAddress) address = g_socket_get_remote_address (client, NULL);

      if (!g_socket_is_closed (client) && address != NULL && same_address (address, remote))
        {
          g_object_set_data_full (G_OBJECT (msg), SOCKET_KEY, g_object_ref (client), g_object_unref);
          return;
        }
    }
}

GSocket *
troupe_sandbox_listener_get_socket (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), SOCKET_KEY);
}

static gboolean
accept_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  TroupeSandboxListener *self = user_data;

  while (count_open (self) < self->max_connections)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (self->socket, NULL, &error);

      if (client != NULL)
        serve (self, client);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        break;
      else
        {
          g_debug ("accept failed: %s", error->message);
          break;
        }
    }
  pause_accepting (self);
  return G_SOURCE_REMOVE;
}

static void
start_accepting (TroupeSandboxListener *self)
{
  if (count_open (self) >= self->max_connections)
    {
      pause_accepting (self);
      return;
    }
  self->accept_source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_attach (self->accept_source, NULL);
}

/* max-connections, but never more than the descriptors allow. */
static guint
connection_cap (guint wanted)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur < (rlim_t) wanted + RESERVED_FDS * 2)
    return (guint) MAX (limit.rlim_cur / 2, 1);
  return MAX (wanted, 1);
}

TroupeSandboxListener *
troupe_sandbox_listener_new (SoupServer                *soup,
                             GSocket                   *socket,
                             const TroupeSandboxLimits *limits)
{
  TroupeSandboxListener *self = g_new0 (TroupeSandboxListener, 1);

  self->soup = soup;
  self->socket = g_object_ref (socket);
  self->clients = g_ptr_array_new_with_free_func (g_object_unref);
  self->max_connections = connection_cap (limits->max_connections);
  self->idle_timeout_s = limits->idle_timeout_s;
  g_socket_set_blocking (socket, FALSE);
  g_signal_connect (soup, "request-started", G_CALLBACK (request_started_cb), self);
  start_accepting (self);
  return self;
}

void
troupe_sandbox_listener_free (TroupeSandboxListener *self)
{
  if (self == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->soup, self);
  if (self->accept_source != NULL)
    g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_socket_close (self->socket, NULL);
  g_object_unref (self->socket);
  g_ptr_array_unref (self->clients);
  g_free (self);
}
