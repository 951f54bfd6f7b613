/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convai-client-private.h"
#include "convai-sse-parser.h"

G_BEGIN_DECLS

/* Sends a message and feeds its streamed reply to an SSE parser as bytes
 * arrive, on the caller's main context. @owner is kept alive while the
 * reader works. @on_done runs exactly once: NULL error at a clean end of
 * the body, otherwise a CONVAI_ERROR or G_IO_ERROR_CANCELLED. A body that
 * ends inside an event was cut: CONVAI_ERROR_NETWORK, and the unfinished
 * event is dropped (what came before it was delivered). A 2xx reply that is
 * not an event stream goes to @on_plain whole (up to a limit) instead of to
 * the parser; with no @on_plain it is a CONVAI_ERROR_PROTOCOL. */
typedef struct _ConvaiSseReader ConvaiSseReader;

typedef void (*ConvaiSseReaderPlainFunc) (GBytes       *body,
                                          gpointer      user_data);
typedef void (*ConvaiSseReaderDoneFunc)  (const GError *error,
                                          gpointer      user_data);

ConvaiSseReader *convai_sse_reader_new    (GObject                  *owner,
                                            ConvaiSseEventFunc        on_event,
                                            ConvaiSseReaderPlainFunc  on_plain,
                                            ConvaiSseReaderDoneFunc   on_done);
void             convai_sse_reader_start  (ConvaiSseReader          *self,
                                            ConvaiClient             *client,
                                            SoupMessage              *message,
                                            GCancellable             *cancellable);
/* Stops delivering: no more events, and @on_done is not called. */
void             convai_sse_reader_free   (ConvaiSseReader          *self);

G_END_DECLS
