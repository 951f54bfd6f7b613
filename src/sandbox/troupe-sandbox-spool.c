/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-spool.h"

#include <glib/gstdio.h>

#define SPOOL_KEY "troupe-sandbox-spool"

typedef struct
{
  char          *path;
  GOutputStream *out;
  GError        *error;
} Spool;

static void
spool_free (Spool *spool)
{
  if (spool->out != NULL)
    g_output_stream_close (spool->out, NULL, NULL);
  g_clear_object (&spool->out);
  g_unlink (spool->path);
  g_free (spool->path);
  g_clear_error (&spool->error);
  g_free (spool);
}

/* Page-cache writes: quick enough to do as each chunk arrives. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              Spool             *spool)
{
  if (spool->error != NULL || spool->out == NULL)
    return;
  g_output_stream_write_all (spool->out, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk),
                             NULL, NULL, &spool->error);
}

static void
got_body_cb (SoupServerMessage *msg,
             Spool             *spool)
{
  if (spool->out != NULL && spool->error == NULL)
    g_output_stream_close (spool->out, NULL, &spool->error);
  g_clear_object (&spool->out);
}

void
troupe_sandbox_spool_attach (SoupServerMessage *msg,
                             const char        *dir)
{
  Spool *spool = g_new0 (Spool, 1);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (".incoming-", uuid, NULL);
  g_autoptr(GFile) file = NULL;

  spool->path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (spool->path);
  spool->out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &spool->error));
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), spool);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), spool);
  g_object_set_data_full (G_OBJECT (msg), SPOOL_KEY, spool, (GDestroyNotify) spool_free);
}

gboolean
troupe_sandbox_spool_check (SoupServerMessage  *msg,
                            const char        **path,
                            GError            **error)
{
  Spool *spool = g_object_get_data (G_OBJECT (msg), SPOOL_KEY);

  *path = spool != NULL ? spool->path : NULL;
  if (spool != NULL && spool->error != NULL)
    {
      g_propagate_error (error, g_error_copy (spool->error));
      return FALSE;
    }
  return TRUE;
}
