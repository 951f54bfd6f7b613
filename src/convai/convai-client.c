/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "convai-body-splice-private.h"
#include "convai-client-private.h"
#include "convai-error.h"
#include "convai-error-private.h"
#include "convai-host.h"
#include "convai-json-private.h"

#include <string.h>

/* At most this many tries of a call that is safe to repeat. */
#define MAX_ATTEMPTS 3
/* Never wait longer than this for a server's Retry-After. */
#define MAX_RETRY_WAIT_S 60
/* A body this large (a knowledge-bank file) is sent with libsoup's blocking
 * I/O on a thread of its own, see send_blocking (). */
#define BLOCKING_BODY_MIN (4 * 1024 * 1024)
/* The error body of a failed streamed call: enough for any message. */
#define MAX_ERROR_BODY (64 * 1024)

struct _ConvaiClient
{
  GObject      parent_instance;
  char        *base_url;
  char        *api_key;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (ConvaiClient, convai_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_RETRYING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
convai_client_finalize (GObject *object)
{
  ConvaiClient *self = CONVAI_CLIENT (object);

  g_free (self->base_url);
  g_free (self->api_key);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (convai_client_parent_class)->finalize (object);
}

static void
convai_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ConvaiClient *self = CONVAI_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL: g_value_set_string (value, self->base_url); break;
    case PROP_API_KEY: g_value_set_string (value, self->api_key); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ConvaiClient *self = CONVAI_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL: convai_client_set_base_url (self, g_value_get_string (value)); break;
    case PROP_API_KEY: convai_client_set_api_key (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Loopback (the sandbox) never goes through a proxy. That also keeps the
 * desktop's proxy settings, and so GSettings, out of offline mode and
 * tests. */
static void
update_proxy_resolver (ConvaiClient *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  gboolean loopback = uri != NULL && convai_host_is_loopback (g_uri_get_host (uri));

  if (loopback)
    soup_session_set_proxy_resolver (self->session, NULL);
  else if (soup_session_get_proxy_resolver (self->session) == NULL)
    soup_session_set_proxy_resolver (self->session, g_proxy_resolver_get_default ());
}

static void
convai_client_class_init (ConvaiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = convai_client_finalize;
  object_class->get_property = convai_client_get_property;
  object_class->set_property = convai_client_set_property;

  /* Request bodies in 64 KiB pieces, not GIO's 8 KiB (see the file). */
  convai_body_splice_install ();

  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, CONVAI_DEFAULT_BASE_URL, rw);
  properties[PROP_API_KEY] = g_param_spec_string ("api-key", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RETRYING] =
    g_signal_new ("retrying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 5,
                  G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
convai_client_init (ConvaiClient *self)
{
  self->base_url = g_strdup (CONVAI_DEFAULT_BASE_URL);
  /* Many chats and uploads may run at once against one host. A server
   * transcribing a long question may stay silent for a while before its
   * first byte: wait longer than libsoup's 60 s before calling it gone. */
  self->session = soup_session_new_with_options ("user-agent", "Troupe/" PACKAGE_VERSION,
                                                 "max-conns", 128,
                                                 "max-conns-per-host", 64,
                                                 "timeout", 180,
                                                 NULL);
}

ConvaiClient *
convai_client_new (const char *base_url,
                   const char *api_key)
{
  return g_object_new (CONVAI_TYPE_CLIENT,
                       "base-url", base_url ? base_url : CONVAI_DEFAULT_BASE_URL,
                       "api-key", api_key,
                       NULL);
}

const char *
convai_client_get_base_url (ConvaiClient *self)
{
  g_return_val_if_fail (CONVAI_IS_CLIENT (self), NULL);
  return self->base_url;
}

void
convai_client_set_base_url (ConvaiClient *self,
                            const char   *base_url)
{
  g_autofree char *url = NULL;

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  url = g_strdup (base_url && *base_url ? base_url : CONVAI_DEFAULT_BASE_URL);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  if (g_strcmp0 (url, self->base_url) == 0)
    return;
  g_free (self->base_url);
  self->base_url = g_steal_pointer (&url);
  update_proxy_resolver (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
convai_client_get_api_key (ConvaiClient *self)
{
  g_return_val_if_fail (CONVAI_IS_CLIENT (self), NULL);
  return self->api_key;
}

void
convai_client_set_api_key (ConvaiClient *self,
                           const char   *api_key)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  if (g_strcmp0 (api_key, self->api_key) == 0)
    return;
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_KEY]);
}

guint
convai_client_get_timeout (ConvaiClient *self)
{
  g_return_val_if_fail (CONVAI_IS_CLIENT (self), 0);
  return soup_session_get_timeout (self->session);
}

void
convai_client_set_timeout (ConvaiClient *self,
                           guint         seconds)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  soup_session_set_timeout (self->session, seconds);
}

SoupSession *
convai_client_get_session (ConvaiClient *self)
{
  return self->session;
}

/* The key goes in a header: it must not cross a network in the clear. */
static GUri *
parse_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL
      || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, CONVAI_ERROR, CONVAI_ERROR_NETWORK,
                   "“%s” is not a valid server address", url);
      return NULL;
    }
  if (g_str_equal (scheme, "http") && !convai_host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, CONVAI_ERROR, CONVAI_ERROR_NETWORK,
                   "Refusing to send the API key unencrypted to %s: use an https:// address",
                   g_uri_get_host (uri));
      return NULL;
    }
  return g_steal_pointer (&uri);
}

SoupMessage *
convai_client_new_message (ConvaiClient  *self,
                           const char    *method,
                           const char    *path,
                           GError       **error)
{
  g_autofree char *url = g_strconcat (self->base_url, "/", path, NULL);
  g_autoptr(GUri) uri = parse_url (url, error);
  SoupMessage *message;

  if (uri == NULL)
    return NULL;
  message = soup_message_new_from_uri (method, uri);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  if (self->api_key != NULL && *self->api_key != '\0')
    soup_message_headers_replace (soup_message_get_request_headers (message),
                                  "CONVAI-API-KEY", self->api_key);
  return message;
}

/* ---- one call: send, retry when allowed, decode in a thread ---- */

typedef struct
{
  const ConvaiCall      *call;
  char                  *content_type;
  GBytes                *body;
  ConvaiMultipartStream *stream;
  SoupMessage           *message;
  GBytes                *reply;
  GError                *blocking_error;  /* from send_blocking ()'s thread */
  guint                  attempt;
} CallData;

static void
call_data_free (gpointer data)
{
  CallData *call_data = data;

  g_free (call_data->content_type);
  g_clear_pointer (&call_data->body, g_bytes_unref);
  g_clear_object (&call_data->stream);
  g_clear_object (&call_data->message);
  g_clear_pointer (&call_data->reply, g_bytes_unref);
  g_clear_error (&call_data->blocking_error);
  g_free (call_data);
}

static void send_attempt (GTask *task);

static void
decode_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CallData *data = task_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  gpointer result;
  gsize len = 0;
  const char *bytes = g_bytes_get_data (data->reply, &len);

  if (data->call->decode_text != NULL)
    result = data->call->decode_text (bytes, len, &error);
  else if ((root = convai_json_parse (bytes, len, &error)) != NULL)
    result = data->call->decode (root, &error);
  else
    result = NULL;
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, data->call->destroy);
}

/* Retry-After is seconds or an HTTP date; without it, 2^n s. */
static guint
retry_delay_s (SoupMessage *message,
               guint        attempt)
{
  const char *header = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                     "Retry-After");
  guint64 seconds;

  if (header != NULL && g_ascii_string_to_unsigned (header, 10, 0, G_MAXUINT, &seconds, NULL))
    return MIN (seconds, MAX_RETRY_WAIT_S);
  if (header != NULL)
    {
      g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (header);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (when != NULL)
        return CLAMP (g_date_time_difference (when, now) / G_TIME_SPAN_SECOND, 0, MAX_RETRY_WAIT_S);
    }
  return 1u << attempt;
}

static gboolean
retry_wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_return_error_if_cancelled (task))
    send_attempt (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static gboolean
retry_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  /* The parent (the timer) dispatches too and finds the task cancelled. */
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_s)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  /* Not g_timeout_source_new_seconds (): it rounds to whole-second ticks
   * and can fire up to a second early, before the server's Retry-After. */
  g_autoptr(GSource) source = g_timeout_source_new (delay_s * 1000);

  g_debug ("Retrying %s in %u s", ((CallData *) g_task_get_task_data (task))->call->path, delay_s);
  if (delay_s == 0)
    {
      g_source_unref (source);
      source = g_idle_source_new ();
    }
  g_source_set_callback (source, retry_wait_done_cb, g_object_ref (task), g_object_unref);
  if (cancellable != NULL)
    {
      /* Cancelling during the wait ends the wait: a child source that
       * becomes ready makes its parent, the timer, dispatch at once. */
      g_autoptr(GSource) cancel = g_cancellable_source_new (cancellable);

      g_source_set_callback (cancel, G_SOURCE_FUNC (retry_cancelled_cb), NULL, NULL);
      g_source_add_child_source (source, cancel);
    }
  g_source_attach (source, g_task_get_context (task));
}

/* Ends the call with @error, noting how often it was sent. */
static void
return_call_error (GTask  *task,
                   GError *error)
{
  CallData *data = g_task_get_task_data (task);

  convai_error_set_attempts (error, data->attempt + 1, data->call->retry_safe);
  g_task_return_error (task, error);
}

static void
reply_received (GTask *task)
{
  ConvaiClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  guint status = soup_message_get_status (data->message);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (data->call->decode == NULL && data->call->decode_text == NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_run_in_thread (task, decode_in_thread);
      return;
    }
  if ((status == 429 || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
      && data->call->retry_safe && data->attempt + 1 < MAX_ATTEMPTS)
    {
      guint delay_s = retry_delay_s (data->message, data->attempt);

      data->attempt++;
      g_signal_emit (self, signals[SIGNAL_RETRYING], 0, data->call->path, status,
                     data->attempt + 1, MAX_ATTEMPTS, delay_s);
      schedule_retry (task, delay_s);
      return;
    }
  return_call_error (task, convai_error_new_from_message (data->message, data->reply));
}

static void
send_and_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  ConvaiClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  g_clear_pointer (&data->reply, g_bytes_unref);
  data->reply = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (data->reply == NULL)
    {
      return_call_error (task, convai_error_new_from_transport (error, self->base_url));
      return;
    }
  reply_received (task);
}

static gboolean
blocking_send_done_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  ConvaiClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  if (data->reply == NULL)
    {
      return_call_error (task, convai_error_new_from_transport (g_steal_pointer (&data->blocking_error),
                                                                self->base_url));
      return G_SOURCE_REMOVE;
    }
  reply_received (task);
  return G_SOURCE_REMOVE;
}

static gpointer
blocking_send_thread (gpointer user_data)
{
  GTask *task = user_data;
  ConvaiClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  data->reply = soup_session_send_and_read (self->session, data->message, g_task_get_cancellable (task),
                                            &data->blocking_error);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              blocking_send_done_cb, task, NULL);
  return NULL;
}

/* GIO's async splice, which libsoup sends a body with, costs two GTasks
 * and two main-loop turns per 8 KiB: most of a large upload's CPU, where
 * curl spends almost none. Its blocking splice is a read and a send per
 * 64 KiB (convai-body-splice.c). libsoup (>= 3.2) sends from any thread; a thread per upload keeps
 * the shared GTask pool free for short work. Progress still reaches the
 * caller's context (the multipart stream sees to it). */
static void
send_blocking (GTask *task)
{
  g_thread_unref (g_thread_new ("convai-upload", blocking_send_thread, task));
}

static void
send_attempt (GTask *task)
{
  ConvaiClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_object (&data->message);
  data->message = convai_client_new_message (self, data->call->method, data->call->path, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (data->stream != NULL)
    {
      g_autofree char *content_type = convai_multipart_stream_dup_content_type (data->stream);
      goffset length = convai_multipart_stream_get_length (data->stream);

      soup_message_set_request_body (data->message, content_type, G_INPUT_STREAM (data->stream), length);
      if (length >= BLOCKING_BODY_MIN)
        {
          send_blocking (task);
          return;
        }
    }
  else if (data->body != NULL)
    soup_message_set_request_body_from_bytes (data->message, data->content_type, data->body);
  soup_session_send_and_read_async (self->session, data->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_and_read_cb, task);
}

static GTask *
call_task_new (ConvaiClient        *self,
               const ConvaiCall    *call,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, call->path);
  data->call = call;
  g_task_set_task_data (task, data, call_data_free);
  return task;
}

void
convai_client_call_async (ConvaiClient        *self,
                          const ConvaiCall    *call,
                          const char          *content_type,
                          GBytes              *body,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data,
                          gpointer             source_tag)
{
  GTask *task = call_task_new (self, call, cancellable, callback, user_data, source_tag);
  CallData *data = g_task_get_task_data (task);

  data->content_type = g_strdup (content_type);
  data->body = body ? g_bytes_ref (body) : NULL;
  send_attempt (task);
}

void
convai_client_call_json_async (ConvaiClient        *self,
                               const ConvaiCall    *call,
                               JsonNode            *body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data,
                               gpointer             source_tag)
{
  g_autofree char *text = convai_json_to_string (body);
  gsize len = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), len);

  convai_client_call_async (self, call, "application/json", bytes,
                            cancellable, callback, user_data, source_tag);
}

void
convai_client_call_json_fields_async (ConvaiClient        *self,
                                      const ConvaiCall    *call,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data,
                                      gpointer             source_tag,
                                      const char          *first_field,
                                      ...)
{
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object = json_object_new ();
  va_list args;

  va_start (args, first_field);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    json_object_set_string_member (object, field, va_arg (args, const char *));
  va_end (args);
  body = convai_json_object_node (object);
  convai_client_call_json_async (self, call, body, cancellable, callback, user_data, source_tag);
}

GBytes *
convai_form_encode (const char *first_field,
                    va_list     args)
{
  char *encoded = soup_form_encode_valist (first_field, args);

  return g_bytes_new_take (encoded, strlen (encoded));
}

void
convai_client_call_form_async (ConvaiClient        *self,
                               const ConvaiCall    *call,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data,
                               gpointer             source_tag,
                               const char          *first_field,
                               ...)
{
  g_autoptr(GBytes) body = NULL;
  va_list args;

  va_start (args, first_field);
  body = convai_form_encode (first_field, args);
  va_end (args);
  convai_client_call_async (self, call, SOUP_FORM_MIME_TYPE_URLENCODED, body,
                            cancellable, callback, user_data, source_tag);
}

void
convai_client_call_stream_async (ConvaiClient          *self,
                                 const ConvaiCall      *call,
                                 ConvaiMultipartStream *body,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data,
                                 gpointer               source_tag)
{
  GTask *task = call_task_new (self, call, cancellable, callback, user_data, source_tag);
  CallData *data = g_task_get_task_data (task);

  g_assert (!call->retry_safe);
  data->stream = g_object_ref (body);
  send_attempt (task);
}

gpointer
convai_client_call_finish (ConvaiClient  *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (CONVAI_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
convai_client_call_finish_boolean (ConvaiClient  *self,
                                   GAsyncResult  *result,
                                   gpointer       source_tag,
                                   GError       **error)
{
  g_return_val_if_fail (CONVAI_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- streamed replies: the body stream once the status is good ---- */

static void
error_body_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);
  GError *error = convai_error_new_from_message (message, body);

  convai_error_set_attempts (error, 1, FALSE);
  g_task_return_error (task, error);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ConvaiClient *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (stream == NULL)
    {
      error = convai_error_new_from_transport (error, self->base_url);
      convai_error_set_attempts (error, 1, FALSE);
      g_task_return_error (task, error);
      return;
    }
  if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      g_task_return_pointer (task, g_steal_pointer (&stream), g_object_unref);
      return;
    }
  g_input_stream_read_bytes_async (stream, MAX_ERROR_BODY, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), error_body_read_cb,
                                   g_object_ref (task));
}

void
convai_client_open_async (ConvaiClient        *self,
                          SoupMessage         *message,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, convai_client_open_async);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT, cancellable, opened_cb, task);
}

GInputStream *
convai_client_open_finish (ConvaiClient  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_open_async, error);
}
