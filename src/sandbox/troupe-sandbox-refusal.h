/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Answers {"<key>": "<message>"} with `status` at once, from the headers
 * or in the middle of the body, and closes the connection without reading
 * the rest of the body (a request without one is answered as usual). */
void     troupe_sandbox_refuse          (SoupServerMessage *msg,
                                         guint              status,
                                         const char        *key,
                                         const char        *message);

/* Whether the request announces a body (a Content-Length above zero, or
 * chunked). */
gboolean troupe_sandbox_request_has_body (SoupServerMessage *msg);

G_END_DECLS
