/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A pure, incremental Server-Sent Events parser: bytes in, events out, no
 * I/O. Any split of the same bytes into _feed() calls gives the same events.
 * Lines end in "\n", "\r\n" or "\r"; "data:" lines of one event are joined
 * with "\n"; ":" comments and unknown fields are skipped; an event with no
 * data is not dispatched, and neither is one the bytes end inside of: an
 * event counts only once its blank line has arrived. */
typedef struct _ConvaiSseParser ConvaiSseParser;

/* @event_type is the "event:" field or "message"; @data is NUL-terminated
 * and @data_len long; both are only valid during the call. */
typedef void (*ConvaiSseEventFunc) (const char *event_type,
                                    const char *data,
                                    gsize       data_len,
                                    gpointer    user_data);

ConvaiSseParser *convai_sse_parser_new    (ConvaiSseEventFunc  func,
                                            gpointer            user_data);
void             convai_sse_parser_feed   (ConvaiSseParser    *self,
                                            const char         *data,
                                            gsize               len);
/* The end of the bytes. FALSE when they stopped inside an event or a line
 * (a connection cut mid-reply): what was pending is dropped, never
 * dispatched. TRUE for a clean end. Resets the parser for a new stream. */
gboolean         convai_sse_parser_finish (ConvaiSseParser    *self);
/* Bytes held for an event not yet ended: its data so far and a line not
 * yet ended. A reader caps it, so a server cannot fill memory with one
 * event that never ends. */
gsize            convai_sse_parser_get_pending_bytes (ConvaiSseParser *self);
/* The last "id:" seen, or NULL. */
const char      *convai_sse_parser_get_last_event_id (ConvaiSseParser *self);
void             convai_sse_parser_free   (ConvaiSseParser    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvaiSseParser, convai_sse_parser_free)

G_END_DECLS
