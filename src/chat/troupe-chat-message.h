/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TROUPE_CHAT_ROLE_USER,
  TROUPE_CHAT_ROLE_CHARACTER,
} TroupeChatRole;

typedef enum
{
  TROUPE_CHAT_MESSAGE_DONE,
  TROUPE_CHAT_MESSAGE_STREAMING,    /* words are still arriving */
  TROUPE_CHAT_MESSAGE_INTERRUPTED,  /* the stream was cut or stopped: partial */
} TroupeChatMessageState;

#define TROUPE_TYPE_CHAT_MESSAGE (troupe_chat_message_get_type ())
G_DECLARE_FINAL_TYPE (TroupeChatMessage, troupe_chat_message, TROUPE, CHAT_MESSAGE, GObject)

/* One message of the conversation shown in the chat pane. Properties (all
 * notify): "text", "state", "first-word-ms" (time from sending to the first
 * word of a reply, -1 while unknown), "first-sound-ms" (to the first sound
 * of it played, -1 while unknown or unspoken). The role never changes. */
TroupeChatMessage     *troupe_chat_message_new               (TroupeChatRole          role,
                                                               const char             *text);
TroupeChatRole         troupe_chat_message_get_role          (TroupeChatMessage      *self);
/* Who speaks a character's message (its name when made), "" for the user. */
const char            *troupe_chat_message_get_speaker       (TroupeChatMessage      *self);
void                   troupe_chat_message_set_speaker       (TroupeChatMessage      *self,
                                                               const char             *speaker);
const char            *troupe_chat_message_get_text          (TroupeChatMessage      *self);
void                   troupe_chat_message_set_text          (TroupeChatMessage      *self,
                                                               const char             *text);
TroupeChatMessageState troupe_chat_message_get_state         (TroupeChatMessage      *self);
void                   troupe_chat_message_set_state         (TroupeChatMessage      *self,
                                                               TroupeChatMessageState  state);
gint64                 troupe_chat_message_get_first_word_ms (TroupeChatMessage      *self);
void                   troupe_chat_message_set_first_word_ms (TroupeChatMessage      *self,
                                                               gint64                  ms);
gint64                 troupe_chat_message_get_first_sound_ms (TroupeChatMessage     *self);
void                   troupe_chat_message_set_first_sound_ms (TroupeChatMessage     *self,
                                                                gint64                 ms);
/* Parts (stream events) of a reply that could not be read and were skipped. */
guint                  troupe_chat_message_get_n_skipped      (TroupeChatMessage     *self);
void                   troupe_chat_message_set_n_skipped      (TroupeChatMessage     *self,
                                                               guint                  n_skipped);

G_END_DECLS
