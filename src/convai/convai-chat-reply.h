/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_CHAT_REPLY (convai_chat_reply_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiChatReply, convai_chat_reply, CONVAI, CHAT_REPLY, GObject)

/* A getResponse answer. Properties: "char-id", "text", "session-id",
 * "audio" (GBytes of a WAV, or NULL), "sample-rate" (0 when unknown),
 * "user-query" (transcript of audio input, or NULL). */
ConvaiChatReply *convai_chat_reply_new_from_json   (JsonNode         *node,
                                                     GError          **error);
const char      *convai_chat_reply_get_char_id     (ConvaiChatReply  *self);
const char      *convai_chat_reply_get_text        (ConvaiChatReply  *self);
const char      *convai_chat_reply_get_session_id  (ConvaiChatReply  *self);
GBytes          *convai_chat_reply_get_audio       (ConvaiChatReply  *self);
guint            convai_chat_reply_get_sample_rate (ConvaiChatReply  *self);
const char      *convai_chat_reply_get_user_query  (ConvaiChatReply  *self);

G_END_DECLS
