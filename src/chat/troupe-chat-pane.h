/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <convai.h>

#include "troupe-chat-sessions.h"
#include "troupe-context.h"
#include "troupe-stream-player.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CHAT_PANE (troupe_chat_pane_get_type ())
G_DECLARE_FINAL_TYPE (TroupeChatPane, troupe_chat_pane, TROUPE, CHAT_PANE, GtkWidget)

/* The live chat with the open character, beside its pages: a multi-line
 * entry (Enter sends, Shift+Enter is a new line), the reply streamed in as
 * its events arrive, the conversation starters on an empty session, New
 * Session. The session goes on across restarts (TroupeChatSessions).
 *
 * A reply cut mid-way keeps its words, marked interrupted, with Retry; a
 * refused or failed turn (429, 5xx, no network) says so and puts the typed
 * message back in the entry; while the first word is awaited the pane says
 * it is thinking and offers Cancel.
 *
 * Spoken replies ("Speak Replies", on by default) play as their chunks
 * arrive; a new turn silences the last reply; Esc or Stop Speaking stops it.
 *
 * Widget actions: chat.send, chat.send-starter (s), chat.new-session,
 * chat.cancel, chat.retry, chat.stop-speaking. Properties: "character",
 * "busy". */
TroupeChatPane  *troupe_chat_pane_new               (TroupeContext      *context);
/* The same, keeping sessions in @sessions (tests: a restart is a new pane
 * over a new TroupeChatSessions on the same file). */
TroupeChatPane  *troupe_chat_pane_new_with_sessions (TroupeContext      *context,
                                                     TroupeChatSessions *sessions);
void             troupe_chat_pane_set_character     (TroupeChatPane     *self,
                                                     ConvaiCharacter    *character);
ConvaiCharacter *troupe_chat_pane_get_character     (TroupeChatPane     *self);
gboolean         troupe_chat_pane_get_busy          (TroupeChatPane     *self);
/* TroupeChatMessage, oldest first. */
GListModel      *troupe_chat_pane_get_messages      (TroupeChatPane     *self);
GtkTextBuffer   *troupe_chat_pane_get_entry_buffer  (TroupeChatPane     *self);
/* The session the next turn continues, or NULL for a new one. */
const char      *troupe_chat_pane_get_session_id    (TroupeChatPane     *self);
/* Goes on with @session_id of the open character (History's Continue in
 * Chat): its earlier turns are read and shown, the next turn continues it. */
void             troupe_chat_pane_continue_session  (TroupeChatPane     *self,
                                                     const char         *session_id);
/* The starters shown as buttons now (NULL-terminated; empty when none). */
const char * const *troupe_chat_pane_get_starters   (TroupeChatPane     *self);
/* What the pane says is wrong, or NULL; what it is doing ("Thinking…"),
 * or NULL when idle. */
const char      *troupe_chat_pane_get_problem       (TroupeChatPane     *self);
const char      *troupe_chat_pane_get_status        (TroupeChatPane     *self);
/* The player of spoken replies (tests send its sound to a WAV file). */
TroupeStreamPlayer *troupe_chat_pane_get_player     (TroupeChatPane     *self);
void             troupe_chat_pane_set_speak_replies (TroupeChatPane     *self,
                                                     gboolean            speak);
/* The longest spoken turn, after which what was said is sent ("talk-cap-ms",
 * 60,000 by default). */
guint            troupe_chat_pane_get_talk_cap_ms   (TroupeChatPane     *self);
void             troupe_chat_pane_set_talk_cap_ms   (TroupeChatPane     *self,
                                                     guint               cap_ms);

G_END_DECLS
