/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "convai-client.h"
#include "convai-multipart-stream.h"

G_BEGIN_DECLS

/* Turns a decoded JSON reply into the result of a call; runs in a worker
 * thread (big lists, base64 audio). The models' *_new_from_json and
 * *_list_from_json functions have this shape: the call tables cast them. */
typedef gpointer (*ConvaiDecodeFunc) (JsonNode  *root,
                                      GError   **error);
typedef gpointer (*ConvaiDecodeTextFunc) (const char  *data,
                                          gsize        len,
                                          GError     **error);

typedef struct
{
  const char       *method;
  const char       *path;
  /* Safe to repeat: retried on 429/503. */
  gboolean          retry_safe;
  /* NULL: the call returns a boolean (success) and the body is ignored. */
  ConvaiDecodeFunc  decode;
  GDestroyNotify    destroy;
  /* Instead of the whole reply parsed for @decode (which is then NULL), its
   * text: a long list decoded an element at a time (convai-json-list.c). */
  ConvaiDecodeTextFunc decode_text;
} ConvaiCall;

/* Sends @body (may be NULL) with @content_type to @call's endpoint. */
void          convai_client_call_async         (ConvaiClient        *self,
                                                 const ConvaiCall    *call,
                                                 const char          *content_type,
                                                 GBytes              *body,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data,
                                                 gpointer             source_tag);
void          convai_client_call_json_async    (ConvaiClient        *self,
                                                 const ConvaiCall    *call,
                                                 JsonNode            *body,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data,
                                                 gpointer             source_tag);
/* @first_field, value, ..., NULL: a JSON object of string members. */
void          convai_client_call_json_fields_async (ConvaiClient    *self,
                                                 const ConvaiCall    *call,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data,
                                                 gpointer             source_tag,
                                                 const char          *first_field,
                                                 ...) G_GNUC_NULL_TERMINATED;
/* @first_field, value, ..., NULL: application/x-www-form-urlencoded. */
void          convai_client_call_form_async    (ConvaiClient        *self,
                                                 const ConvaiCall    *call,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data,
                                                 gpointer             source_tag,
                                                 const char          *first_field,
                                                 ...) G_GNUC_NULL_TERMINATED;
/* A streamed body (multipart from disk): sent once, never retried. */
void          convai_client_call_stream_async  (ConvaiClient        *self,
                                                 const ConvaiCall    *call,
                                                 ConvaiMultipartStream *body,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data,
                                                 gpointer             source_tag);
gpointer      convai_client_call_finish        (ConvaiClient        *self,
                                                 GAsyncResult        *result,
                                                 gpointer             source_tag,
                                                 GError             **error);
gboolean      convai_client_call_finish_boolean (ConvaiClient       *self,
                                                 GAsyncResult        *result,
                                                 gpointer             source_tag,
                                                 GError             **error);

/* For streamed replies: a message with the key and user agent set, or NULL
 * and an error for an address that cannot be used. */
SoupMessage  *convai_client_new_message        (ConvaiClient        *self,
                                                 const char          *method,
                                                 const char          *path,
                                                 GError             **error);
SoupSession  *convai_client_get_session        (ConvaiClient        *self);
/* Sends @message and answers its body stream once the status is 2xx;
 * otherwise reads the (bounded) error body and fails with its CONVAI_ERROR. */
void          convai_client_open_async         (ConvaiClient        *self,
                                                 SoupMessage         *message,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GInputStream *convai_client_open_finish        (ConvaiClient        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Maps a non-2xx reply to CONVAI_ERROR with the server's words. */
GError       *convai_error_new_from_reply      (guint                status,
                                                 const char          *reason,
                                                 GBytes              *body);
/* The same for a reply in hand: a redirect (never followed) says where it
 * pointed. */
GError       *convai_error_new_from_message    (SoupMessage         *message,
                                                 GBytes              *body);
/* Maps a transport error: cancellation stays, the rest is NETWORK. */
GError       *convai_error_new_from_transport  (GError              *error,
                                                 const char          *what);
GBytes       *convai_form_encode               (const char          *first_field,
                                                 va_list              args);

G_END_DECLS
