/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-sse.h"

#include <string.h>

#include "troupe-sandbox-listener.h"

struct _TroupeSandboxSse
{
  SoupServerMessage *msg;
  GCancellable      *cancellable;
  GQueue             pending;      /* char * events; NULL marks the end */
  guint              interval_ms;
  int                cut_after;
  guint              written;      /* events handed to libsoup */
  guint              timer_id;
  gboolean           ended;        /* body complete, or connection cut */
  gint64             last_write_us;
};

static void
stop (TroupeSandboxSse *self)
{
  if (self->ended)
    return;
  self->ended = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_queue_clear_full (&self->pending, g_free);
}

/* The client hung up, or the reply was fully sent. */
static void
finished_cb (SoupServerMessage *msg,
             TroupeSandboxSse  *self)
{
  stop (self);
  g_signal_handlers_disconnect_by_data (msg, self);
  troupe_sandbox_sse_unref (self);
}

/* Shutting the socket under libsoup, mid-body, is what a crashed or
 * overloaded server looks like to a client: no final event, no closing
 * chunk. libsoup then fails its next write and finishes the message. */
static gboolean
cut_connection_cb (gpointer user_data)
{
  TroupeSandboxSse *self = user_data;
  GSocket *socket = troupe_sandbox_listener_get_socket (self->msg);

  if (socket != NULL)
    g_socket_shutdown (socket, FALSE, TRUE, NULL);
  soup_message_body_complete (soup_server_message_get_response_body (self->msg));
  soup_server_message_unpause (self->msg);
  troupe_sandbox_sse_unref (self);
  return G_SOURCE_REMOVE;
}

static void
cut (TroupeSandboxSse *self)
{
  stop (self);
  /* The written event must leave before the connection goes. */
  g_idle_add (cut_connection_cb, troupe_sandbox_sse_ref (self));
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                guint              length,
                TroupeSandboxSse  *self)
{
  if (self->cut_after >= 0 && !self->ended && self->written >= (guint) self->cut_after)
    cut (self);
}

static void
wrote_headers_cb (SoupServerMessage *msg,
                  TroupeSandboxSse  *self)
{
  if (self->cut_after == 0 && !self->ended)
    cut (self);
}

static void
write_event (TroupeSandboxSse *self,
             const char       *payload)
{
  SoupMessageBody *body = soup_server_message_get_response_body (self->msg);
  g_auto(GStrv) lines = g_strsplit (payload, "\n", -1);
  GString *event = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (event, "data: %s\n", lines[i]);
  g_string_append_c (event, '\n');
  soup_message_body_append (body, SOUP_MEMORY_TAKE, event->str, event->len);
  g_string_free (event, FALSE);
  self->written++;
  soup_server_message_unpause (self->msg);
}

static void
complete (TroupeSandboxSse *self)
{
  soup_message_body_complete (soup_server_message_get_response_body (self->msg));
  soup_server_message_unpause (self->msg);
  self->ended = TRUE;
}

static void schedule (TroupeSandboxSse *self);

static gboolean
write_next_cb (gpointer user_data)
{
  TroupeSandboxSse *self = user_data;
  g_autofree char *payload = NULL;

  self->timer_id = 0;
  if (self->ended || g_queue_is_empty (&self->pending))
    return G_SOURCE_REMOVE;
  if (self->cut_after >= 0 && self->written >= (guint) self->cut_after)
    return G_SOURCE_REMOVE;   /* waiting for the cut */
  payload = g_queue_pop_head (&self->pending);
  if (payload == NULL)
    {
      complete (self);
      return G_SOURCE_REMOVE;
    }
  write_event (self, payload);
  self->last_write_us = g_get_monotonic_time ();
  schedule (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (TroupeSandboxSse *self)
{
  gint64 due_us;

  if (self->timer_id != 0 || self->ended || g_queue_is_empty (&self->pending))
    return;
  due_us = self->last_write_us + (gint64) self->interval_ms * 1000 - g_get_monotonic_time ();
  if (self->interval_ms == 0 || due_us <= 0)
    self->timer_id = g_idle_add (write_next_cb, self);
  else
    self->timer_id = g_timeout_add ((guint) ((due_us + 999) / 1000), write_next_cb, self);
}

TroupeSandboxSse *
troupe_sandbox_sse_new (SoupServerMessage *msg,
                        guint              interval_ms,
                        int                cut_after)
{
  TroupeSandboxSse *self = g_atomic_rc_box_new0 (TroupeSandboxSse);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  self->msg = g_object_ref (msg);
  self->cancellable = g_cancellable_new ();
  self->interval_ms = interval_ms;
  self->cut_after = cut_after;
  g_queue_init (&self->pending);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  /* The message's reference: dropped when it finishes or is cut. */
  troupe_sandbox_sse_ref (self);
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), self);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), self);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), self);
  soup_server_message_unpause (msg);
  return self;
}

TroupeSandboxSse *
troupe_sandbox_sse_ref (TroupeSandboxSse *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
sse_clear (TroupeSandboxSse *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_queue_clear_full (&self->pending, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->msg);
}

void
troupe_sandbox_sse_unref (TroupeSandboxSse *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, (GDestroyNotify) sse_clear);
}

void
troupe_sandbox_sse_queue (TroupeSandboxSse *self,
                          const char       *payload)
{
  if (self->ended)
    return;
  g_queue_push_tail (&self->pending, g_strdup (payload));
  schedule (self);
}

void
troupe_sandbox_sse_queue_json (TroupeSandboxSse *self,
                               JsonObject       *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *payload = json_to_string (node, FALSE);

  troupe_sandbox_sse_queue (self, payload);
}

void
troupe_sandbox_sse_queue_end (TroupeSandboxSse *self)
{
  if (self->ended)
    return;
  g_queue_push_tail (&self->pending, NULL);
  schedule (self);
}

GCancellable *
troupe_sandbox_sse_get_cancellable (TroupeSandboxSse *self)
{
  return self->cancellable;
}
