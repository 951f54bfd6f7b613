/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* One exchange, filled in by the worker thread. */
typedef struct
{
  TroupeSandboxRequest   *request;
  TroupeSandboxCharacter *character;
  char                   *session_id;
  char                   *user_text;    /* typed, or transcribed */
  GBytes                 *audio_in;
  gboolean                voice;
  gboolean                stream;
  char                   *reply;
  GBytes                 *audio_out;    /* whole reply, when not streamed */
  gboolean                client_gone;  /* hung up while we composed */
} TroupeSandboxExchange;

/* Starts the SSE reply of a composed exchange: the session id (and what
 * was heard), the words one by one, then one WAV per sentence when a voice
 * reply was asked for, and the final tag. */
void troupe_sandbox_chat_reply_streamed (TroupeSandboxExchange *exchange);

G_END_DECLS
