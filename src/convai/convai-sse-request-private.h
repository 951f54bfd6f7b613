/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convai-sse-reader-private.h"

G_BEGIN_DECLS

/* The request side that ConvaiChatStream and ConvaiTextStream share: the
 * message to send (or the error that kept it from being built), a
 * cancellable of the stream's own linked to the caller's, and the reader
 * once started. Embedded in the stream object, which calls init from its
 * constructor, stop from dispose and clear from finalize. */
typedef struct
{
  ConvaiClient    *client;
  SoupMessage     *message;
  GError          *setup_error;
  GCancellable    *user_cancellable;
  GCancellable    *cancellable;
  gulong           cancel_handler;
  ConvaiSseReader *reader;
  gboolean         started;
} ConvaiSseRequest;

/* Takes @error. */
void convai_sse_request_init  (ConvaiSseRequest         *self,
                               ConvaiClient             *client,
                               SoupMessage              *message,
                               GError                   *error,
                               GCancellable             *cancellable);
void convai_sse_request_stop  (ConvaiSseRequest         *self);
void convai_sse_request_clear (ConvaiSseRequest         *self);

/* Sends the message, reading the reply into @owner's callbacks. A setup
 * error goes to @on_done from an idle callback, never inside start():
 * callers connect their handlers first, then start. */
void convai_sse_request_start (ConvaiSseRequest         *self,
                               GObject                  *owner,
                               ConvaiSseEventFunc        on_event,
                               ConvaiSseReaderPlainFunc  on_plain,
                               ConvaiSseReaderDoneFunc   on_done);

G_END_DECLS
