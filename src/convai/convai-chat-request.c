/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-chat-request.h"

G_DEFINE_BOXED_TYPE (ConvaiChatRequest, convai_chat_request,
                     convai_chat_request_copy, convai_chat_request_free)

static ConvaiChatRequest *
chat_request_new (const char *char_id,
                  const char *session_id)
{
  ConvaiChatRequest *self = g_new0 (ConvaiChatRequest, 1);

  self->char_id = g_strdup (char_id);
  self->session_id = g_strdup (session_id ? session_id : "-1");
  return self;
}

ConvaiChatRequest *
convai_chat_request_new_text (const char *char_id,
                              const char *session_id,
                              const char *user_text)
{
  ConvaiChatRequest *self;

  g_return_val_if_fail (char_id != NULL, NULL);
  g_return_val_if_fail (user_text != NULL, NULL);
  self = chat_request_new (char_id, session_id);
  self->user_text = g_strdup (user_text);
  return self;
}

ConvaiChatRequest *
convai_chat_request_new_audio (const char *char_id,
                               const char *session_id,
                               GFile      *wav)
{
  ConvaiChatRequest *self;

  g_return_val_if_fail (char_id != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (wav), NULL);
  self = chat_request_new (char_id, session_id);
  self->wav = g_object_ref (wav);
  return self;
}

ConvaiChatRequest *
convai_chat_request_copy (const ConvaiChatRequest *self)
{
  ConvaiChatRequest *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = chat_request_new (self->char_id, self->session_id);
  copy->user_text = g_strdup (self->user_text);
  copy->wav = self->wav ? g_object_ref (self->wav) : NULL;
  copy->voice_response = self->voice_response;
  copy->sample_rate = self->sample_rate;
  return copy;
}

void
convai_chat_request_free (ConvaiChatRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->char_id);
  g_free (self->session_id);
  g_free (self->user_text);
  g_clear_object (&self->wav);
  g_free (self);
}
