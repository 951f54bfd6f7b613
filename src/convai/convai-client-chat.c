/* SPDX-License-Identifier: GPL-3.0-or-later */
/* getResponse (whole or streamed), starter suggestions and backstories. */
#include "convai-client-private.h"
#include "convai-error.h"
#include "convai-stream-private.h"

#include <string.h>

static const ConvaiCall response_call = { "POST", "character/getResponse", FALSE,
                                          (ConvaiDecodeFunc) convai_chat_reply_new_from_json, g_object_unref };

/* The body of getResponse: multipart/form-data, as the Interaction API
 * page says ("should be form-data") and its cURL samples send (--form),
 * for a typed turn as for a spoken one, whose WAV is streamed from disk.
 * Exactly one of the two inputs. */
static ConvaiMultipartStream *
build_chat_body (const ConvaiChatRequest  *request,
                 gboolean                  stream,
                 GError                  **error)
{
  g_autoptr(ConvaiMultipartStream) body = NULL;
  g_autofree char *rate = request->sample_rate ? g_strdup_printf ("%u", request->sample_rate) : NULL;
  g_autofree char *basename = NULL;

  if ((request->user_text == NULL) == (request->wav == NULL))
    {
      g_set_error_literal (error, CONVAI_ERROR, CONVAI_ERROR_BAD_REQUEST,
                           "Expecting only one; either an audio file or user's query as a string");
      return NULL;
    }
  body = convai_multipart_stream_new (NULL);
  if (request->user_text != NULL)
    convai_multipart_stream_add_field (body, "userText", request->user_text);
  convai_multipart_stream_add_field (body, "charID", request->char_id);
  convai_multipart_stream_add_field (body, "sessionID", request->session_id ? request->session_id : "-1");
  convai_multipart_stream_add_field (body, "voiceResponse", request->voice_response ? "True" : "False");
  convai_multipart_stream_add_field (body, "stream", stream ? "True" : "False");
  if (rate != NULL)
    convai_multipart_stream_add_field (body, "sample_rate", rate);
  if (request->wav == NULL)
    return g_steal_pointer (&body);
  basename = g_file_get_basename (request->wav);
  if (!convai_multipart_stream_add_file (body, "file", basename, "audio/wav", request->wav, NULL, error))
    return NULL;
  return g_steal_pointer (&body);
}

void
convai_client_get_response_async (ConvaiClient            *self,
                                  const ConvaiChatRequest *request,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_autoptr(ConvaiMultipartStream) body = NULL;
  GError *error = NULL;

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (request != NULL && request->char_id != NULL);

  if (!(body = build_chat_body (request, FALSE, &error)))
    g_task_report_error (self, callback, user_data, convai_client_get_response_async, error);
  else
    convai_client_call_stream_async (self, &response_call, body, cancellable,
                                     callback, user_data, convai_client_get_response_async);
}

ConvaiChatReply *
convai_client_get_response_finish (ConvaiClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_get_response_async, error);
}

static SoupMessage *
new_chat_message (ConvaiClient             *self,
                  const ConvaiChatRequest  *request,
                  GError                  **error)
{
  g_autoptr(ConvaiMultipartStream) body = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *content_type = NULL;

  if (!(body = build_chat_body (request, TRUE, error))
      || !(message = convai_client_new_message (self, "POST", "character/getResponse", error)))
    return NULL;
  content_type = convai_multipart_stream_dup_content_type (body);
  soup_message_set_request_body (message, content_type, G_INPUT_STREAM (body),
                                 convai_multipart_stream_get_length (body));
  return g_steal_pointer (&message);
}

ConvaiChatStream *
convai_client_stream_response (ConvaiClient            *self,
                               const ConvaiChatRequest *request,
                               GCancellable            *cancellable)
{
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  g_return_val_if_fail (CONVAI_IS_CLIENT (self), NULL);
  g_return_val_if_fail (request != NULL && request->char_id != NULL, NULL);
  message = new_chat_message (self, request, &error);
  return convai_chat_stream_new (self, message, error, cancellable);
}

static SoupMessage *
new_form_message (ConvaiClient  *self,
                  const char    *path,
                  GError       **error,
                  const char    *first_field,
                  ...)
{
  SoupMessage *message = convai_client_new_message (self, "POST", path, error);
  g_autoptr(GBytes) body = NULL;
  va_list args;

  if (message == NULL)
    return NULL;
  va_start (args, first_field);
  body = convai_form_encode (first_field, args);
  va_end (args);
  soup_message_set_request_body_from_bytes (message, SOUP_FORM_MIME_TYPE_URLENCODED, body);
  return message;
}

ConvaiTextStream *
convai_client_stream_starters (ConvaiClient *self,
                               const char   *char_id,
                               const char   *session_id,
                               GCancellable *cancellable)
{
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  g_return_val_if_fail (CONVAI_IS_CLIENT (self), NULL);
  g_return_val_if_fail (char_id != NULL, NULL);
  /* This endpoint spells them charId and sessionId. */
  message = new_form_message (self, "character/generate-starter-conversation", &error,
                              "charId", char_id,
                              "sessionId", session_id ? session_id : "-1",
                              NULL);
  return convai_text_stream_new (self, message, error, cancellable);
}

ConvaiTextStream *
convai_client_stream_backstory (ConvaiClient *self,
                                const char   *input_text,
                                const char   *char_name,
                                GCancellable *cancellable)
{
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  g_return_val_if_fail (CONVAI_IS_CLIENT (self), NULL);
  g_return_val_if_fail (input_text != NULL && char_name != NULL, NULL);
  message = new_form_message (self, "character/generate-backstory", &error,
                              "inputText", input_text,
                              "charName", char_name,
                              NULL);
  return convai_text_stream_new (self, message, error, cancellable);
}

/* The whole-result forms of the two text streams. */

static void
starters_finished_cb (ConvaiTextStream *stream,
                      const GError     *error,
                      gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_pointer (task, g_strdupv ((char **) convai_text_stream_get_lines (stream)),
                           (GDestroyNotify) g_strfreev);
}

static void
backstory_finished_cb (ConvaiTextStream *stream,
                       const GError     *error,
                       gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_pointer (task, g_strdup (convai_text_stream_get_text (stream)), g_free);
}

static void
run_text_stream (ConvaiClient        *self,
                 ConvaiTextStream    *stream,
                 GCallback            finished_cb,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_signal_connect (stream, "finished", finished_cb, task);
  convai_text_stream_start (stream);
}

void
convai_client_generate_starters_async (ConvaiClient        *self,
                                       const char          *char_id,
                                       const char          *session_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(ConvaiTextStream) stream = convai_client_stream_starters (self, char_id, session_id,
                                                                      cancellable);

  run_text_stream (self, stream, G_CALLBACK (starters_finished_cb), callback, user_data,
                   convai_client_generate_starters_async);
}

char **
convai_client_generate_starters_finish (ConvaiClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_generate_starters_async, error);
}

void
convai_client_generate_backstory_async (ConvaiClient        *self,
                                        const char          *input_text,
                                        const char          *char_name,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(ConvaiTextStream) stream = convai_client_stream_backstory (self, input_text, char_name,
                                                                       cancellable);

  run_text_stream (self, stream, G_CALLBACK (backstory_finished_cb), callback, user_data,
                   convai_client_generate_backstory_async);
}

char *
convai_client_generate_backstory_finish (ConvaiClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_generate_backstory_async, error);
}
