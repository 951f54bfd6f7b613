/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_TEXT_STREAM (convai_text_stream_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiTextStream, convai_text_stream, CONVAI, TEXT_STREAM, GObject)

/* A streamed reply whose events are plain text: generate-backstory (the
 * payloads concatenated make the backstory) and
 * generate-starter-conversation (each data line is one suggestion). From
 * convai_client_stream_backstory() / convai_client_stream_starters(); nothing
 * is sent until convai_text_stream_start(). Signals:
 *   delta    (const char *data)   one event's data
 *   finished (const GError *error) NULL on success; emitted once
 * Properties: "text" (payloads concatenated), "finished". A reply cut
 * mid-way finishes with CONVAI_ERROR_NETWORK and keeps the text and lines
 * of the events that arrived whole; a reply that is not an event stream,
 * or not UTF-8, is CONVAI_ERROR_PROTOCOL. */
void                convai_text_stream_start     (ConvaiTextStream *self);
void                convai_text_stream_cancel    (ConvaiTextStream *self);
const char         *convai_text_stream_get_text  (ConvaiTextStream *self);
/* Every data line received so far, in order (the starter suggestions). */
const char * const *convai_text_stream_get_lines (ConvaiTextStream *self);
gboolean            convai_text_stream_get_finished (ConvaiTextStream *self);
const GError       *convai_text_stream_get_error (ConvaiTextStream *self);

G_END_DECLS
