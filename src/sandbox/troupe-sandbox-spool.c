/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-spool.h"

#include "troupe-sandbox-multipart.h"
#include "troupe-sandbox-refusal.h"

#define SPOOL_KEY "troupe-sandbox-spool"

/* Page-cache writes: quick enough to do as each chunk arrives. A body
 * known to be bad is refused there and then, rather than read to its end. */
static void
got_chunk_cb (SoupServerMessage      *msg,
              GBytes                 *chunk,
              TroupeSandboxMultipart *parser)
{
  if (troupe_sandbox_multipart_feed (parser, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk)))
    return;
  g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, parser);
  troupe_sandbox_refuse (msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                         troupe_sandbox_multipart_get_error (parser)->message);
}

void
troupe_sandbox_spool_attach (SoupServerMessage *msg,
                             const char        *dir,
                             const char        *boundary)
{
  TroupeSandboxMultipart *parser = troupe_sandbox_multipart_new (boundary, dir);

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), parser);
  g_object_set_data_full (G_OBJECT (msg), SPOOL_KEY, parser, (GDestroyNotify) troupe_sandbox_multipart_free);
}

gboolean
troupe_sandbox_spool_is_attached (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), SPOOL_KEY) != NULL;
}

gboolean
troupe_sandbox_spool_take (SoupServerMessage  *msg,
                           GHashTable        **fields,
                           char              **file_path,
                           char              **file_name,
                           gint64             *file_size,
                           GError            **error)
{
  TroupeSandboxMultipart *parser = g_object_get_data (G_OBJECT (msg), SPOOL_KEY);

  g_return_val_if_fail (parser != NULL, FALSE);
  return troupe_sandbox_multipart_finish (parser, fields, file_path, file_name, file_size, error);
}
