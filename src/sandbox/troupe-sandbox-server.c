/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "troupe-sandbox-server.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "troupe-sandbox-characters.h"
#include "troupe-sandbox-chat.h"
#include "troupe-sandbox-history.h"
#include "troupe-sandbox-knowledge.h"
#include "troupe-sandbox-refusal.h"
#include "troupe-sandbox-reply.h"
#include "troupe-sandbox-spool.h"
#include "troupe-sandbox-starters.h"
#include "troupe-sandbox-usage.h"
#include "troupe-sandbox-voices.h"

/* Voice samples are public links in Convai too (a media player fetches
 * them without headers), so they are the one path without a key. */
#define PUBLIC_PREFIX "/samples/"
#define LISTEN_BACKLOG 256
#define BODY_LIMIT_KEY "troupe-sandbox-body-limit"

void
troupe_sandbox_server_route (TroupeSandboxServer  *self,
                             const char           *method,
                             const char           *path,
                             TroupeSandboxHandler  handler)
{
  g_hash_table_insert (self->routes, g_strdup_printf ("%s %s", method, path), handler);
}

static TroupeSandboxHandler
find_route (TroupeSandboxServer *self,
            const char          *method,
            const char          *path,
            gboolean            *other_method)
{
  g_autofree char *key = g_strdup_printf ("%s %s", method, path);
  g_autofree char *other = g_strdup_printf ("%s %s", strcmp (method, "GET") == 0 ? "POST" : "GET", path);
  TroupeSandboxHandler handler = g_hash_table_lookup (self->routes, key);

  if (handler == NULL && g_str_has_prefix (path, PUBLIC_PREFIX))
    {
      g_autofree char *prefix = g_strdup_printf ("%s %s", method, PUBLIC_PREFIX);
      handler = g_hash_table_lookup (self->routes, prefix);
    }
  *other_method = handler == NULL && g_hash_table_contains (self->routes, other);
  return handler;
}

/* Why the request's key is refused, or NULL. */
static const char *
key_problem (TroupeSandboxServer *self,
             SoupServerMessage   *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "CONVAI-API-KEY");

  if (key == NULL || *key == '\0')
    return "api_key not found.";
  if (strcmp (key, self->api_key) != 0)
    return "Invalid API key provided.";
  return NULL;
}

static TroupeSandboxRequest *
request_from_spool (TroupeSandboxServer  *self,
                    SoupServerMessage    *msg,
                    const char           *path,
                    GError              **error)
{
  GHashTable *fields = NULL;
  char *file_path = NULL;
  char *file_name = NULL;
  gint64 file_size = 0;

  if (!troupe_sandbox_spool_take (msg, &fields, &file_path, &file_name, &file_size, error))
    return NULL;
  return troupe_sandbox_request_new_from_parts (self, msg, path, fields, file_path, file_name, file_size);
}

static void
dispatch (TroupeSandboxServer  *self,
          SoupServerMessage    *msg,
          const char           *path,
          TroupeSandboxHandler  handler)
{
  g_autoptr(TroupeSandboxRequest) request = NULL;
  g_autofree char *error_message = NULL;
  g_autoptr(GError) error = NULL;

  if (troupe_sandbox_faults_answer (self->faults, msg, path))
    return;
  if (troupe_sandbox_spool_is_attached (msg))
    request = request_from_spool (self, msg, path, &error);
  else
    request = troupe_sandbox_request_new (self, msg, path, &error_message);
  if (request == NULL)
    {
      troupe_sandbox_reply_message (msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                                    error != NULL ? error->message : error_message);
      return;
    }
  handler (request);
}

typedef struct
{
  TroupeSandboxServer  *server;
  SoupServerMessage    *msg;
  char                 *path;
  TroupeSandboxHandler  handler;
  gboolean              gone;  /* the client left while it waited */
} DelayedRequest;

static void
delayed_gone_cb (SoupServerMessage *msg,
                 DelayedRequest    *delayed)
{
  delayed->gone = TRUE;
}

static gboolean
delay_elapsed_cb (gpointer user_data)
{
  DelayedRequest *delayed = user_data;

  g_signal_handlers_disconnect_by_func (delayed->msg, delayed_gone_cb, delayed);
  /* A message whose connection closed has nothing left to answer. */
  if (!delayed->gone)
    {
      soup_server_message_unpause (delayed->msg);
      dispatch (delayed->server, delayed->msg, delayed->path, delayed->handler);
    }
  g_object_unref (delayed->msg);
  g_free (delayed->path);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
dispatch_later (TroupeSandboxServer  *self,
                SoupServerMessage    *msg,
                const char           *path,
                TroupeSandboxHandler  handler)
{
  DelayedRequest *delayed = g_new0 (DelayedRequest, 1);

  delayed->server = self;
  delayed->msg = g_object_ref (msg);
  delayed->path = g_strdup (path);
  delayed->handler = handler;
  g_signal_connect (msg, "disconnected", G_CALLBACK (delayed_gone_cb), delayed);
  g_signal_connect (msg, "finished", G_CALLBACK (delayed_gone_cb), delayed);
  soup_server_message_pause (msg);
  g_timeout_add (self->faults->delay_ms, delay_elapsed_cb, delayed);
}

static void
handle_message_cb (SoupServer        *soup,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  TroupeSandboxServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  gboolean other_method = FALSE;
  TroupeSandboxHandler handler = find_route (self, method, path, &other_method);

  /* Checked from the headers already; this is only a second lock. */
  if (!g_str_has_prefix (path, PUBLIC_PREFIX) && key_problem (self, msg) != NULL)
    {
      troupe_sandbox_reply_message (msg, SOUP_STATUS_UNAUTHORIZED, "API_ERROR", key_problem (self, msg));
      return;
    }
  if (handler == NULL)
    {
      if (other_method)
        troupe_sandbox_reply_message (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "detail", "Method Not Allowed");
      else
        troupe_sandbox_reply_message (msg, SOUP_STATUS_NOT_FOUND, "detail", "Not Found");
      return;
    }
  if (self->faults->delay_ms > 0)
    dispatch_later (self, msg, path, handler);
  else
    dispatch (self, msg, path, handler);
}

/* G_MESSAGES_DEBUG=troupe-sandbox shows every request. */
static void
request_finished_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  GUri *uri = soup_server_message_get_uri (msg);

  /* A connection closed before its request line has neither. */
  g_debug ("%s %s -> %u", soup_server_message_get_method (msg),
           uri != NULL ? g_uri_get_path (uri) : "(none)", soup_server_message_get_status (msg));
}

static gboolean
is_upload (const char *path)
{
  return g_str_equal (path, "/character/knowledge-bank/upload") ||
         g_str_equal (path, "/character/knowledge-bank/update");
}

typedef struct
{
  gint64 limit;
  gint64 seen;
} BodyLimit;

static void
refuse_too_large (SoupServerMessage *msg,
                  gint64             limit)
{
  g_autofree char *message = g_strdup_printf ("The request body is too large (%" G_GINT64_FORMAT " bytes at most).",
                                              limit);

  troupe_sandbox_refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "ERROR", message);
}

/* Content-Length is checked from the headers; a chunked body only as it
 * arrives. */
static void
count_chunk_cb (SoupServerMessage *msg,
                GBytes            *chunk,
                BodyLimit         *body)
{
  body->seen += (gint64) g_bytes_get_size (chunk);
  if (body->seen > body->limit)
    {
      g_signal_handlers_disconnect_by_func (msg, count_chunk_cb, body);
      refuse_too_large (msg, body->limit);
    }
}

/* FALSE when the body is refused already. */
static gboolean
limit_body (SoupServerMessage *msg,
            gint64             limit)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  BodyLimit *body;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > limit)
    {
      refuse_too_large (msg, limit);
      return FALSE;
    }
  body = g_new0 (BodyLimit, 1);
  body->limit = limit;
  g_object_set_data_full (G_OBJECT (msg), BODY_LIMIT_KEY, body, g_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (count_chunk_cb), body);
  return TRUE;
}

static void
attach_spool (TroupeSandboxServer *self,
              SoupServerMessage   *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *kb_dir = NULL;
  const char *type = soup_message_headers_get_content_type (headers, &params);
  const char *boundary = params != NULL ? g_hash_table_lookup (params, "boundary") : NULL;

  if (g_strcmp0 (type, "multipart/form-data") != 0 || boundary == NULL || *boundary == '\0')
    {
      troupe_sandbox_refuse (msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                             "Knowledge-bank uploads are multipart/form-data with a boundary.");
      return;
    }
  kb_dir = troupe_sandbox_server_kb_dir (self);
  troupe_sandbox_spool_attach (msg, kb_dir, boundary);
}

/* Before the body is read: a body no route reads, a wrong key or an
 * oversized body is refused at once, without reading the body (see the
 * refusal), and uploads stream to disk. */
static void
handle_headers_cb (SoupServer        *soup,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  TroupeSandboxServer *self = user_data;
  gboolean upload = is_upload (path) && g_str_equal (soup_server_message_get_method (msg), "POST");
  const char *problem;

  if (g_str_has_prefix (path, PUBLIC_PREFIX))
    {
      if (troupe_sandbox_request_has_body (msg))
        troupe_sandbox_refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "ERROR",
                               "Voice samples take no request body.");
      return;
    }
  problem = key_problem (self, msg);
  if (problem != NULL)
    {
      troupe_sandbox_refuse (msg, SOUP_STATUS_UNAUTHORIZED, "API_ERROR", problem);
      return;
    }
  if (!limit_body (msg, upload ? self->limits.max_upload : TROUPE_SANDBOX_MAX_BODY_BYTES))
    return;
  if (upload)
    attach_spool (self, msg);
}

#define THREAD_FUNC_KEY "troupe-sandbox-thread-func"
#define SERVER_KEY "troupe-sandbox-server"
#define SHUTDOWN_WAIT_US (10 * G_USEC_PER_SEC)

static void
run_counted_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TroupeSandboxServer *self = g_object_get_data (G_OBJECT (task), SERVER_KEY);
  GTaskThreadFunc func = (GTaskThreadFunc) g_object_get_data (G_OBJECT (task), THREAD_FUNC_KEY);

  func (task, source_object, task_data, cancellable);
  g_atomic_int_dec_and_test (&self->busy);
}

void
troupe_sandbox_server_run_in_thread (TroupeSandboxServer *self,
                                     GTask               *task,
                                     GTaskThreadFunc      func)
{
  g_atomic_int_inc (&self->busy);
  g_object_set_data (G_OBJECT (task), SERVER_KEY, self);
  g_object_set_data (G_OBJECT (task), THREAD_FUNC_KEY, (gpointer) func);
  g_task_run_in_thread (task, run_counted_thread);
}

/* Workers may still write to the store, so they finish first. Their
 * results, and the events they hand to streams, come back through the main
 * context, and those hold the messages and so their connections: it runs
 * until they are in, or nothing would release them. */
static void
finish_workers (TroupeSandboxServer *self)
{
  gint64 deadline = g_get_monotonic_time () + SHUTDOWN_WAIT_US;

  while ((g_atomic_int_get (&self->busy) > 0 || g_main_context_pending (NULL)) &&
         g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);
}

char *
troupe_sandbox_server_kb_dir (TroupeSandboxServer *self)
{
  return g_build_filename (self->data_dir, "kb", NULL);
}

/* Our own socket, for a deep accept queue (fifty clients connecting in
 * the same instant must all get in), and our own accepting (see the
 * listener). */
static gboolean
listen_on_loopback (TroupeSandboxServer *self,
                    guint16              port,
                    GError             **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error))
    return FALSE;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  self->listener = troupe_sandbox_listener_new (self->soup, socket, &self->limits);
  return TRUE;
}

static void
register_endpoints (TroupeSandboxServer *self)
{
  troupe_sandbox_characters_register (self);
  troupe_sandbox_chat_register (self);
  troupe_sandbox_history_register (self);
  troupe_sandbox_knowledge_register (self);
  troupe_sandbox_starters_register (self);
  troupe_sandbox_usage_register (self);
  troupe_sandbox_voices_register (self);
}

TroupeSandboxServer *
troupe_sandbox_server_new (const char                 *data_dir,
                           const char                 *api_key,
                           guint16                     port,
                           const TroupeSandboxLimits  *limits,
                           TroupeSandboxFaults        *faults,
                           GError                    **error)
{
  g_autoptr(TroupeSandboxServer) self = g_new0 (TroupeSandboxServer, 1);
  g_autofree char *db_path = g_build_filename (data_dir, "sandbox.sqlite3", NULL);
  g_autofree char *kb_dir = g_build_filename (data_dir, "kb", NULL);

  self->data_dir = g_strdup (data_dir);
  self->api_key = g_strdup (api_key);
  self->faults = faults;
  self->limits = *limits;
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_mkdir_with_parents (kb_dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "cannot create %s: %s", kb_dir, g_strerror (errno));
      return NULL;
    }
  self->store = troupe_sandbox_store_open (db_path, error);
  if (self->store == NULL)
    return NULL;
  self->knowledge = troupe_sandbox_knowledge_new (self);
  self->soup = soup_server_new ("server-header", "troupe-sandbox/" PACKAGE_VERSION " ", NULL);
  /* One path for both: libsoup answers 500 when the most specific path
   * has only an early handler. */
  soup_server_add_early_handler (self->soup, NULL, handle_headers_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_message_cb, self, NULL);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished_cb), NULL);
  register_endpoints (self);
  if (!listen_on_loopback (self, port, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
troupe_sandbox_server_free (TroupeSandboxServer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->listener, troupe_sandbox_listener_free);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  finish_workers (self);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->knowledge, troupe_sandbox_knowledge_free);
  g_clear_pointer (&self->store, troupe_sandbox_store_free);
  g_clear_pointer (&self->faults, troupe_sandbox_faults_free);
  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_free (self->api_key);
  g_free (self->data_dir);
  g_free (self->base_url);
  g_free (self);
}
