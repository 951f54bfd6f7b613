/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A Server-Sent Events reply: bare `data:` events written one by one, at a
 * steady pace, in chunked encoding so each reaches the client as it is
 * written. Main thread only. The writer keeps itself alive until the
 * stream ends or the client goes away. */
typedef struct _TroupeSandboxSse TroupeSandboxSse;

/* Starts the 200 text/event-stream reply on a paused-or-not message.
 * `cut_after` >= 0 closes the connection, without a final event, once that
 * many events were written (fault injection). */
TroupeSandboxSse *troupe_sandbox_sse_new        (SoupServerMessage *msg,
                                                 guint              interval_ms,
                                                 int                cut_after);
TroupeSandboxSse *troupe_sandbox_sse_ref        (TroupeSandboxSse  *self);
void              troupe_sandbox_sse_unref      (TroupeSandboxSse  *self);

/* Queues one event; a payload with newlines becomes several data lines. */
void              troupe_sandbox_sse_queue      (TroupeSandboxSse  *self,
                                                 const char        *payload);
void              troupe_sandbox_sse_queue_json (TroupeSandboxSse  *self,
                                                 JsonObject        *object);
/* Ends the stream once every queued event is written. */
void              troupe_sandbox_sse_queue_end  (TroupeSandboxSse  *self);

/* Cancelled when the client is gone or the stream was cut: producers
 * (worker threads) stop early. */
GCancellable     *troupe_sandbox_sse_get_cancellable (TroupeSandboxSse *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxSse, troupe_sandbox_sse_unref)

G_END_DECLS
