/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_CHAT_STREAM (convai_chat_stream_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiChatStream, convai_chat_stream, CONVAI, CHAT_STREAM, GObject)

/* One streamed getResponse (stream=True), from convai_client_stream_response().
 * Nothing is sent until convai_chat_stream_start(). Signals, on the thread
 * default main context of the caller of _start():
 *   session-id  (const char *session_id)
 *   user-query  (const char *transcript)        audio input only
 *   text-delta  (const char *delta)
 *   audio-chunk (GBytes *wav, guint sample_rate) one complete small WAV each
 *   finished    (const GError *error)           NULL on success; emitted once
 * A stream cut before its final event finishes with CONVAI_ERROR_NETWORK
 * and keeps what arrived; cancelling finishes with G_IO_ERROR_CANCELLED.
 * An event that is not a readable JSON object is skipped and counted
 * ("n-skipped"); the events after it are read as usual.
 * Properties: "text" (accumulated so far), "session-id", "user-query",
 * "finished" (gboolean), "n-skipped" (guint). */
void          convai_chat_stream_start          (ConvaiChatStream *self);
void          convai_chat_stream_cancel         (ConvaiChatStream *self);
const char   *convai_chat_stream_get_text       (ConvaiChatStream *self);
const char   *convai_chat_stream_get_session_id (ConvaiChatStream *self);
const char   *convai_chat_stream_get_user_query (ConvaiChatStream *self);
gboolean      convai_chat_stream_get_finished   (ConvaiChatStream *self);
/* How many events could not be read and were skipped. */
guint         convai_chat_stream_get_n_skipped  (ConvaiChatStream *self);
/* The error it finished with, or NULL (also while running). */
const GError *convai_chat_stream_get_error      (ConvaiChatStream *self);

G_END_DECLS
