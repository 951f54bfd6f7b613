/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One error domain for everything the Convai API can answer. The message is
 * the server's own words when it gave any. Cancellation is not in here: it
 * stays G_IO_ERROR_CANCELLED, so callers can ignore it with one check. */
#define CONVAI_ERROR (convai_error_quark ())

typedef enum
{
  CONVAI_ERROR_UNAUTHORIZED,  /* 401: wrong or missing key, or the plan */
  CONVAI_ERROR_FORBIDDEN,     /* 403: usually the plan */
  CONVAI_ERROR_NOT_FOUND,     /* 404 */
  CONVAI_ERROR_BAD_REQUEST,   /* 400 and other 4xx */
  CONVAI_ERROR_RATE_LIMITED,  /* 429 (after retries, where retried) */
  CONVAI_ERROR_SERVER,        /* 5xx */
  CONVAI_ERROR_PROTOCOL,      /* a reply that does not parse or lacks a field (named) */
  CONVAI_ERROR_NETWORK,       /* no connection, TLS, a connection cut mid-reply */
} ConvaiError;

GQuark convai_error_quark (void);

/* What a CONVAI_ERROR knows beyond its code and the server's words, so a
 * caller can say what happened and what to do next. Errors of other
 * domains answer 0 / FALSE. */

/* The HTTP status the server answered, 0 when there was none. */
guint    convai_error_get_status     (const GError *error);
/* How many times the request was sent: more than 1 when a call that is safe
 * to repeat was retried (429, 503); 0 when it never left. */
guint    convai_error_get_attempts   (const GError *error);
/* Whether the call is one libconvai retries (a read), as opposed to one it
 * never repeats behind the caller's back (create, upload, getResponse...). */
gboolean convai_error_get_retry_safe (const GError *error);
/* A NETWORK error because the server stayed silent past the client's
 * timeout (convai_client_set_timeout()). */
gboolean convai_error_is_timeout     (const GError *error);
/* A NETWORK error because a streamed reply stopped before its end: what
 * arrived whole is kept on the stream object. */
gboolean convai_error_is_cut         (const GError *error);

G_END_DECLS
