/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What one getResponse call sends. Exactly one of @user_text and @wav is
 * set. @session_id "-1" (or NULL) starts a new session. @sample_rate 0 is
 * left out of the request. Fields are public: set them after _new_*(). */
#define CONVAI_TYPE_CHAT_REQUEST (convai_chat_request_get_type ())

typedef struct
{
  char     *char_id;
  char     *session_id;
  char     *user_text;
  GFile    *wav;
  gboolean  voice_response;
  guint     sample_rate;
} ConvaiChatRequest;

GType              convai_chat_request_get_type  (void) G_GNUC_CONST;
ConvaiChatRequest *convai_chat_request_new_text  (const char        *char_id,
                                                   const char        *session_id,
                                                   const char        *user_text);
ConvaiChatRequest *convai_chat_request_new_audio (const char        *char_id,
                                                   const char        *session_id,
                                                   GFile             *wav);
ConvaiChatRequest *convai_chat_request_copy      (const ConvaiChatRequest *self);
void               convai_chat_request_free      (ConvaiChatRequest *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvaiChatRequest, convai_chat_request_free)

G_END_DECLS
