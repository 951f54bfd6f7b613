/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_CHAT_SESSIONS (troupe_chat_sessions_get_type ())
G_DECLARE_FINAL_TYPE (TroupeChatSessions, troupe_chat_sessions, TROUPE, CHAT_SESSIONS, GObject)

/* The chat session each character is in, so a conversation goes on after a
 * restart: a small key file (character id = session id). It is read once
 * when made (a few hundred bytes) and written back atomically, in the
 * background, after each change. */
TroupeChatSessions *troupe_chat_sessions_new      (GFile              *file);
/* The default file, in the user's data folder. */
TroupeChatSessions *troupe_chat_sessions_new_default (void);
/* The session of @char_id, or NULL for none (a new one starts). */
const char         *troupe_chat_sessions_lookup   (TroupeChatSessions *self,
                                                   const char         *char_id);
/* @session_id NULL forgets it: the next turn starts a new session. */
void                troupe_chat_sessions_set      (TroupeChatSessions *self,
                                                   const char         *char_id,
                                                   const char         *session_id);
/* TRUE while a write is running (tests wait for it). */
gboolean            troupe_chat_sessions_is_busy  (TroupeChatSessions *self);

G_END_DECLS
