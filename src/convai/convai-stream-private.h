/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convai-chat-stream.h"
#include "convai-client.h"
#include "convai-text-stream.h"

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Either @message is the request to send, or @error (taken) is why it could
 * not be built: then the stream finishes with it once started. */
ConvaiChatStream *convai_chat_stream_new (ConvaiClient *client,
                                          SoupMessage  *message,
                                          GError       *error,
                                          GCancellable *cancellable);
ConvaiTextStream *convai_text_stream_new (ConvaiClient *client,
                                          SoupMessage  *message,
                                          GError       *error,
                                          GCancellable *cancellable);

/* Decodes base64 in steps into one buffer: no intermediate copies of a
 * large audio payload. */
GBytes           *convai_base64_decode_bytes (const char *text,
                                              gsize       len);

G_END_DECLS
