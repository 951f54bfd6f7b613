/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-test-stub.h"

#include <stdlib.h>
#include <string.h>

#define MAX_REQUEST (4 * 1024 * 1024)

struct _TroupeTestStub
{
  GSocket      *listener;
  GCancellable *stop;
  GThread      *thread;
  GBytes       *reply;
  char         *url;
  GMutex        lock;
  GPtrArray    *requests;
};

/* Content-Length of a request head, 0 when absent. */
static gsize
content_length (const char *head)
{
  g_autofree char *lower = g_ascii_strdown (head, -1);
  const char *field = strstr (lower, "\r\ncontent-length:");

  return field ? strtoul (field + strlen ("\r\ncontent-length:"), NULL, 10) : 0;
}

/* Reads one request: the head up to its blank line, then its body. */
static GString *
read_request (GSocket      *socket,
              GCancellable *cancellable)
{
  GString *request = g_string_new (NULL);
  char buffer[16 * 1024];
  const char *end = NULL;
  gssize n;

  while ((end = strstr (request->str, "\r\n\r\n")) == NULL
         || request->len < (gsize) (end - request->str) + 4 + content_length (request->str))
    {
      n = g_socket_receive (socket, buffer, sizeof buffer, cancellable, NULL);
      if (n <= 0 || request->len + n > MAX_REQUEST)
        break;
      g_string_append_len (request, buffer, n);
    }
  return request;
}

static void
serve (TroupeTestStub *self,
       GSocket        *socket)
{
  GString *request = read_request (socket, self->stop);
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  const char *reply;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, g_string_free (request, FALSE));
  bytes = g_bytes_ref (self->reply);
  g_mutex_unlock (&self->lock);
  reply = g_bytes_get_data (bytes, &len);
  while (len > 0)
    {
      gssize n = g_socket_send (socket, reply, len, self->stop, NULL);

      if (n <= 0)
        break;
      reply += n;
      len -= n;
    }
  g_socket_shutdown (socket, FALSE, TRUE, NULL);
  g_socket_close (socket, NULL);
}

static gpointer
accept_thread (gpointer data)
{
  TroupeTestStub *self = data;

  while (!g_cancellable_is_cancelled (self->stop))
    {
      g_autoptr(GSocket) socket = g_socket_accept (self->listener, self->stop, NULL);

      if (socket != NULL)
        serve (self, socket);
    }
  return NULL;
}

TroupeTestStub *
troupe_test_stub_new (const char *raw_reply,
                      gssize      len)
{
  TroupeTestStub *self = g_new0 (TroupeTestStub, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  self->reply = g_bytes_new (raw_reply, len < 0 ? strlen (raw_reply) : (gsize) len);
  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->stop = g_cancellable_new ();
  g_mutex_init (&self->lock);
  self->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (self->listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (self->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (self->listener, &error);
  g_assert_no_error (error);
  self->url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  self->thread = g_thread_new ("test-stub", accept_thread, self);
  return self;
}

void
troupe_test_stub_free (TroupeTestStub *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->stop);
  g_thread_join (self->thread);
  g_socket_close (self->listener, NULL);
  g_object_unref (self->listener);
  g_object_unref (self->stop);
  g_bytes_unref (self->reply);
  g_ptr_array_unref (self->requests);
  g_mutex_clear (&self->lock);
  g_free (self->url);
  g_free (self);
}

const char *
troupe_test_stub_get_url (TroupeTestStub *self)
{
  return self->url;
}

guint
troupe_test_stub_count_requests (TroupeTestStub *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->requests->len;
  g_mutex_unlock (&self->lock);
  return n;
}

char *
troupe_test_stub_dup_request (TroupeTestStub *self,
                              guint           index)
{
  char *request = NULL;

  g_mutex_lock (&self->lock);
  if (index < self->requests->len)
    request = g_strdup (g_ptr_array_index (self->requests, index));
  g_mutex_unlock (&self->lock);
  return request;
}

void
troupe_test_stub_set_reply (TroupeTestStub *self,
                            const char     *raw_reply,
                            gssize          len)
{
  GBytes *old;

  g_mutex_lock (&self->lock);
  old = self->reply;
  self->reply = g_bytes_new (raw_reply, len < 0 ? strlen (raw_reply) : (gsize) len);
  g_mutex_unlock (&self->lock);
  g_bytes_unref (old);
}
